import { grantRule, LEAST_PRIVILEGE_FIX } from './support.js';

export default grantRule({
  id: 'RBAC-SEC-042',
  title: 'Subject can create Secrets in kube-system',
  description:
    'Creating a Secret of type kubernetes.io/service-account-token makes the token controller fill it with a token of the ServiceAccount it names; in kube-system those ServiceAccounts run the control-plane add-ons. Reported for kube-system and cluster-wide grants.',
  severity: 'critical',
  refs: ['rbac-police issue_token_secrets', 'kubescape#3173'],
  fix: LEAST_PRIVILEGE_FIX,
  requests: () => ['create', 'update', 'patch'].map((verb) => [{ verb, apiGroup: '', resource: 'secrets' }]),
  what: 'create Secrets (including ServiceAccount token Secrets)',
  applies: (entry) => entry.scope === undefined || entry.scope === 'kube-system',
});
