import { podStreamVerbSets } from '../../engines/rbac/version.js';
import { grantRule, k8sVersionOf, LEAST_PRIVILEGE_FIX } from './support.js';

export default grantRule({
  id: 'RBAC-EXEC-033',
  title: 'Subject can port-forward to pods',
  description:
    'pods/portforward opens a tunnel to any port of a pod, bypassing Services, Ingress and NetworkPolicy. Same verb rule as exec: `create`, or `get` before Kubernetes 1.35. Bindings to the bootstrap admin, edit or view roles in an application namespace are reported once, by RBAC-WL-020 and RBAC-SEC-040.',
  severity: 'medium',
  refs: ['kubescape C-0063'],
  fix: LEAST_PRIVILEGE_FIX,
  requests: (ctx) =>
    podStreamVerbSets(k8sVersionOf(ctx)).map((verbs) =>
      verbs.map((verb) => ({ verb, apiGroup: '', resource: 'pods', subresource: 'portforward' })),
    ),
  what: 'port-forward to pods',
});
