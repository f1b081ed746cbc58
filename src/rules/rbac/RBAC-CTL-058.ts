import { grantRule, LEAST_PRIVILEGE_FIX } from './support.js';

export default grantRule({
  id: 'RBAC-CTL-058',
  title: 'Subject can change ConfigMaps in kube-system',
  description:
    'ConfigMaps in kube-system configure cluster add-ons; on AKS `coredns-custom` rewrites DNS for every pod (DNS poisoning). Reported for kube-system and cluster-wide grants.',
  severity: 'medium',
  refs: ['kubescape C-0037'],
  fix: LEAST_PRIVILEGE_FIX,
  requests: () =>
    ['create', 'update', 'patch'].map((verb) => [{ verb, apiGroup: '', resource: 'configmaps' }]),
  what: 'write ConfigMaps (CoreDNS, add-on configuration)',
  applies: (entry) => entry.scope === undefined || entry.scope === 'kube-system',
});
