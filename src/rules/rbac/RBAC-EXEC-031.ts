import { podStreamVerbSets } from '../../engines/rbac/version.js';
import { grantRule, k8sVersionOf, LEAST_PRIVILEGE_FIX, worseInKubeSystem } from './support.js';

export default grantRule({
  id: 'RBAC-EXEC-031',
  title: 'Subject can attach to pods',
  description:
    'pods/attach connects to the main process of a running container — its stdin and terminal — with the same verb rule as exec: `create`, or `get` before Kubernetes 1.35. Bindings to the bootstrap admin, edit or view roles in an application namespace are reported once, by RBAC-WL-020 and RBAC-SEC-040.',
  severity: 'high',
  refs: ['KubiScan risky-attach-pods', 'KubeHound POD_ATTACH'],
  fix: LEAST_PRIVILEGE_FIX,
  requests: (ctx) =>
    podStreamVerbSets(k8sVersionOf(ctx)).map((verbs) =>
      verbs.map((verb) => ({ verb, apiGroup: '', resource: 'pods', subresource: 'attach' })),
    ),
  what: 'attach to running containers',
  severityOf: worseInKubeSystem('high'),
});
