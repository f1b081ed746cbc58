import { grantRule, LEAST_PRIVILEGE_FIX } from './support.js';

const POLICIES = [
  'validatingadmissionpolicies',
  'validatingadmissionpolicybindings',
  'mutatingadmissionpolicies',
  'mutatingadmissionpolicybindings',
];

export default grantRule({
  id: 'RBAC-CTL-051',
  title: 'Subject can change admission policies',
  description:
    'ValidatingAdmissionPolicies and MutatingAdmissionPolicies (CEL) and their bindings decide what the API server admits or rewrites; writing them can disable guard rails or alter workloads.',
  severity: 'high',
  fix: LEAST_PRIVILEGE_FIX,
  requests: () =>
    POLICIES.flatMap((resource) =>
      ['create', 'update', 'patch', 'delete'].map((verb) => [
        { verb, apiGroup: 'admissionregistration.k8s.io', resource, namespace: '' },
      ]),
    ),
  what: 'write admission policies',
});
