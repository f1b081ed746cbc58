import { grantRule, LEAST_PRIVILEGE_FIX } from './support.js';

export default grantRule({
  id: 'RBAC-SEC-042',
  title: 'Subject can create Secrets in kube-system',
  description:
    'Creating a Secret of type kubernetes.io/service-account-token makes the token controller fill it with a token of the ServiceAccount it names; in kube-system those ServiceAccounts run the control-plane add-ons. Reported for kube-system and cluster-wide grants of create (update and patch cannot change a Secret into a token Secret: its type is immutable).',
  severity: 'critical',
  refs: ['rbac-police issue_token_secrets', 'kubescape#3173'],
  fix: LEAST_PRIVILEGE_FIX,
  // Only create mints a token: a Secret's type is immutable, so update and patch cannot turn one into a token
  // Secret (Kubernetes API reference, Secret.type).
  requests: () => [[{ verb: 'create', apiGroup: '', resource: 'secrets' }]],
  what: 'create Secrets (including ServiceAccount token Secrets)',
  applies: (entry) => entry.scope === undefined || entry.scope === 'kube-system',
});
