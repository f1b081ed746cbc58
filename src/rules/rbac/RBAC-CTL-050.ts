import { grantRule, LEAST_PRIVILEGE_FIX } from './support.js';

const HOOKS = ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'];

export default grantRule({
  id: 'RBAC-CTL-050',
  title: 'Subject can change admission webhooks',
  description:
    'A mutating webhook sees and rewrites every object sent to the API server (pods: image, ServiceAccount, privileges); a validating webhook sees them all and can block them. Writing webhook configurations is cluster-admin equivalent.',
  severity: 'critical',
  refs: [
    'Kubernetes RBAC good practices: admission webhooks',
    'kubescape C-0036, C-0039',
    'rbac-police control_webhooks',
  ],
  fix: LEAST_PRIVILEGE_FIX,
  requests: () =>
    HOOKS.flatMap((resource) =>
      ['create', 'update', 'patch'].map((verb) => [
        { verb, apiGroup: 'admissionregistration.k8s.io', resource, namespace: '' },
      ]),
    ),
  what: 'write admission webhook configurations',
});
