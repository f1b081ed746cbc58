import { podStreamVerbSets } from '../../engines/rbac/version.js';
import { grantRule, k8sVersionOf, LEAST_PRIVILEGE_FIX, worseInKubeSystem } from './support.js';

export default grantRule({
  id: 'RBAC-EXEC-030',
  title: 'Subject can exec into pods',
  description:
    'pods/exec runs commands inside running containers with their ServiceAccount token and secrets. Before Kubernetes 1.35 `get` on pods/exec was enough (WebSocket upgrade); from 1.35 `create` is required (AuthorizePodWebsocketUpgradeCreatePermission). The cluster version comes from the scan settings or the AKS cluster. Bindings to the bootstrap admin, edit or view roles in an application namespace are reported once, by RBAC-WL-020 and RBAC-SEC-040.',
  severity: 'high',
  refs: ['rbac-police pods_exec', 'kubescape C-0002', 'kubernetes/kubernetes#134577'],
  fix: LEAST_PRIVILEGE_FIX,
  requests: (ctx) =>
    podStreamVerbSets(k8sVersionOf(ctx)).map((verbs) =>
      verbs.map((verb) => ({ verb, apiGroup: '', resource: 'pods', subresource: 'exec' })),
    ),
  what: 'exec into pods',
  severityOf: worseInKubeSystem('high'),
});
