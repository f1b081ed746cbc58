import { posix } from 'node:path';
import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { hostPathVolumesOf, workloadName } from './lib/pods.js';

/** Container runtime API sockets: whoever can write to one can start a privileged container on the node. */
const RUNTIME_SOCKETS = [
  'docker.sock',
  'containerd.sock',
  'crio.sock',
  'cri-dockerd.sock',
  'dockershim.sock',
];

export function isRuntimeSocket(path: string): boolean {
  const base = posix.basename(posix.normalize(path));
  return RUNTIME_SOCKETS.includes(base);
}

export default defineRule({
  id: 'WL-HARD-runtimeSocket',
  title: 'Container runtime socket mounted',
  description:
    "Mounting the container runtime socket (containerd on AKS, docker on older images) hands the pod the node: through it the workload can start a privileged container, read every container's file system and environment, and reach the kubelet's credentials.",
  severity: 'high',
  family: 'workload',
  inputs: WORKLOADS,
  refs: ['Trivy KSV-0006', 'kubescape C-0074', 'kube-linter docker-sock', 'kubesec DockerSock'],
  fix: {
    manifest:
      "Remove the hostPath volume of the socket. Build images with a rootless builder (BuildKit rootless, Kaniko) or ACR Tasks instead of the node's runtime.",
  },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      for (const volume of hostPathVolumesOf(template)) {
        if (!isRuntimeSocket(volume.path)) continue;
        context.report({
          object: template.owner,
          path: [...template.specPath, 'volumes', volume.index, 'hostPath', 'path'],
          key: volume.name,
          message: `${workloadName(template)}: volume ${JSON.stringify(volume.name)} mounts the container runtime socket ${volume.path} from the node`,
          evidence: { volume: volume.name, hostPath: volume.path },
        });
      }
    }
  },
});
