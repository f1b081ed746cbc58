import { grantRule, LEAST_PRIVILEGE_FIX, worseInKubeSystem } from './support.js';

export default grantRule({
  id: 'RBAC-WL-020',
  title: 'Subject can create pods',
  description:
    'Whoever can create a pod in a namespace can run it as any ServiceAccount of that namespace and mount its Secrets, ConfigMaps and volumes: they hold the combined power of every ServiceAccount there. In kube-system (or cluster-wide) that is usually the whole cluster.',
  severity: 'high',
  refs: [
    'Kubernetes RBAC good practices: workload creation',
    'CIS Kubernetes 5.1.4',
    'rbac-police assign_sa',
  ],
  fix: LEAST_PRIVILEGE_FIX,
  reportRoutine: true,
  requests: () => [[{ verb: 'create', apiGroup: '', resource: 'pods' }]],
  what: 'create pods (run as any ServiceAccount of the namespace)',
  severityOf: worseInKubeSystem('high'),
});
