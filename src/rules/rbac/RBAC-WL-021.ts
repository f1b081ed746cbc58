import { grantRule, LEAST_PRIVILEGE_FIX, worseInKubeSystem } from './support.js';

const CONTROLLERS: [string, string][] = [
  ['apps', 'deployments'],
  ['apps', 'daemonsets'],
  ['apps', 'statefulsets'],
  ['apps', 'replicasets'],
  ['', 'replicationcontrollers'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
];

export default grantRule({
  id: 'RBAC-WL-021',
  title: 'Subject can create or change pod controllers',
  description:
    'Deployments, DaemonSets, StatefulSets, ReplicaSets, ReplicationControllers, Jobs and CronJobs create pods from their template: writing one has the consequences of creating pods (RBAC-WL-020), with any ServiceAccount of the namespace. Bindings to the bootstrap admin, edit or view roles in an application namespace are reported once, by RBAC-WL-020 and RBAC-SEC-040.',
  severity: 'high',
  refs: ['rbac-police podControllerResource', 'kubescape C-0267'],
  fix: LEAST_PRIVILEGE_FIX,
  requests: () =>
    CONTROLLERS.flatMap(([apiGroup, resource]) =>
      ['create', 'update', 'patch'].map((verb) => [{ verb, apiGroup, resource }]),
    ),
  what: 'create or change pod controllers',
  severityOf: worseInKubeSystem('high'),
});
