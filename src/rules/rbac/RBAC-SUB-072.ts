import { subjectRule } from './subjectSupport.js';

export default subjectRule({
  id: 'RBAC-SUB-072',
  title: 'Binding grants rights to all ServiceAccounts',
  description:
    'The groups `system:serviceaccounts` (every ServiceAccount of the cluster) and `system:serviceaccounts:<namespace>` give the role to every pod, present and future — one compromised pod is enough.',
  severity: 'high',
  refs: ['Kubernetes RBAC: service account permissions'],
  matches: (s) =>
    s.kind === 'Group' &&
    (s.name === 'system:serviceaccounts' || s.name.startsWith('system:serviceaccounts:')),
  what: 'every ServiceAccount of a group',
});
