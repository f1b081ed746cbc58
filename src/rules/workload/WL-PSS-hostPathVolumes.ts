import { pssCheckRule } from './pssCheckRule.js';

export default pssCheckRule('hostPathVolumes', {
  title: 'hostPath volume',
  description:
    'A hostPath volume mounts a directory of the node into the pod: node logs, kubelet credentials or the container runtime socket become readable (or writable) from the workload. Pod Security baseline forbids hostPath volumes; restricted goes further with `restrictedVolumes`, which reports them instead.',
  severity: 'medium',
  fix: {
    manifest:
      'Replace the hostPath volume with an emptyDir, a ConfigMap/Secret, a PersistentVolumeClaim or a CSI volume (Azure Disk/Files CSI drivers on AKS).',
  },
});
