import { grantRule, LEAST_PRIVILEGE_FIX } from './support.js';

export default grantRule({
  id: 'RBAC-CTL-053',
  title: 'Subject can create PersistentVolumes',
  description:
    "A PersistentVolume can point at a hostPath: whoever creates one and a claim to it mounts the node's file system into a pod.",
  severity: 'high',
  refs: ['Kubernetes RBAC good practices: persistent volume creation', 'kubescape create-persistentvolumes'],
  fix: LEAST_PRIVILEGE_FIX,
  requests: () => [[{ verb: 'create', apiGroup: '', resource: 'persistentvolumes', namespace: '' }]],
  what: 'create PersistentVolumes (hostPath)',
});
