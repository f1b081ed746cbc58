import { grantRule, LEAST_PRIVILEGE_FIX } from './support.js';

export default grantRule({
  id: 'RBAC-SEC-040',
  title: 'Subject can read Secrets',
  description:
    'get, list or watch on Secrets reveals their values — list and watch return contents too — including ServiceAccount tokens and credentials of other systems. Cluster-wide it is critical, in kube-system high.',
  severity: 'medium',
  refs: ['Kubernetes RBAC good practices: listing secrets', 'CIS Kubernetes 5.1.2', 'kubescape C-0015'],
  fix: LEAST_PRIVILEGE_FIX,
  reportRoutine: true,
  requests: () => ['get', 'list', 'watch'].map((verb) => [{ verb, apiGroup: '', resource: 'secrets' }]),
  what: 'read Secrets',
  severityOf: (entry) =>
    entry.scope === undefined ? 'critical' : entry.scope === 'kube-system' ? 'high' : 'medium',
});
