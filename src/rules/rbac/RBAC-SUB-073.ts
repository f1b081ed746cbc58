import { subjectRule } from './subjectSupport.js';

export default subjectRule({
  id: 'RBAC-SUB-073',
  title: 'Binding grants rights to a default ServiceAccount',
  description:
    'Every pod that names no ServiceAccount runs as `default`. Rights given to it are held by every such pod of the namespace; give workloads their own ServiceAccount instead.',
  severity: 'medium',
  refs: ['CIS Kubernetes 5.1.5', 'kubescape C-0189'],
  matches: (s) => s.kind === 'ServiceAccount' && s.name === 'default',
  what: 'a default ServiceAccount',
});
