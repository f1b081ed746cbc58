import { posix } from 'node:path';
import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { hostPathVolumesOf, isPlainObject, workloadName } from './lib/pods.js';
import { isRuntimeSocket } from './WL-HARD-runtimeSocket.js';

/** Node paths whose contents are the node (KSV-0121 and kube-linter sensitive-host-mounts, plus kubelet and runtime state). */
const SENSITIVE = [
  '/',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/proc',
  '/sys',
  '/usr',
  '/root',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/kubelet',
  '/etc/kubernetes',
];

function sensitiveRoot(path: string): string | undefined {
  const normalized = posix.normalize(path).replace(/(.)\/+$/, '$1');
  return SENSITIVE.filter((root) =>
    root === '/' ? normalized === '/' : normalized === root || normalized.startsWith(`${root}/`),
  ).sort((a, b) => b.length - a.length)[0];
}

export default defineRule({
  id: 'WL-HARD-sensitiveHostPath',
  title: 'Sensitive node directory mounted',
  description:
    "A hostPath volume of `/`, `/etc`, `/proc`, `/sys`, `/dev`, `/boot`, `/usr`, `/lib`, `/root` or the kubelet and container runtime state directories exposes the node's credentials, configuration and devices to the pod; writable, it lets the pod change the node. Pod Security baseline forbids every hostPath; this rule singles out the ones that amount to node compromise, and says when the mount is writable.",
  severity: 'high',
  family: 'workload',
  inputs: WORKLOADS,
  refs: [
    'Trivy KSV-0121',
    'kubescape C-0045',
    'kube-linter sensitive-host-mounts',
    'kube-linter writable-host-mount',
  ],
  fix: {
    manifest:
      'Remove the hostPath volume; read node data through a managed agent (Azure Monitor, Defender for Containers). If a mount is unavoidable, mount the narrowest path with `readOnly: true`.',
  },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      for (const volume of hostPathVolumesOf(template)) {
        if (isRuntimeSocket(volume.path)) continue;
        const root = sensitiveRoot(volume.path);
        if (root === undefined) continue;
        const writers = template.containers
          .filter((ref) =>
            (Array.isArray(ref.container.volumeMounts) ? ref.container.volumeMounts : []).some(
              (mount) => isPlainObject(mount) && mount.name === volume.name && mount.readOnly !== true,
            ),
          )
          .map((ref) => ref.name);
        context.report({
          object: template.owner,
          path: [...template.specPath, 'volumes', volume.index, 'hostPath', 'path'],
          key: volume.name,
          message: `${workloadName(template)}: volume ${JSON.stringify(volume.name)} mounts the node's ${volume.path}${writers.length > 0 ? `, writable by ${writers.map((name) => JSON.stringify(name)).join(', ')}` : ' (read-only)'}`,
          evidence: { volume: volume.name, hostPath: volume.path, sensitiveRoot: root, writableBy: writers },
        });
      }
    }
  },
});
