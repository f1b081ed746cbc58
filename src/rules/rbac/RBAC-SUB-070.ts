import { subjectRule } from './subjectSupport.js';

export default subjectRule({
  id: 'RBAC-SUB-070',
  title: 'Binding grants rights to anonymous users',
  description:
    'Subjects `system:anonymous` (user) and `system:unauthenticated` (group) are every request without credentials. Any binding to them beyond the bootstrap defaults (system:public-info-viewer) opens the API to the network.',
  severity: 'critical',
  refs: ['CIS GKE 4.1.8', 'kubescape C-0262', 'KubiScan#70'],
  matches: (s) =>
    (s.kind === 'User' && s.name === 'system:anonymous') ||
    (s.kind === 'Group' && s.name === 'system:unauthenticated'),
  what: 'unauthenticated requests',
});
