import { grantRule, LEAST_PRIVILEGE_FIX } from './support.js';

const GROUP = 'certificates.k8s.io';

export default grantRule({
  id: 'RBAC-CTL-052',
  title: 'Subject can issue client certificates (CSR approval)',
  description:
    'Creating a CertificateSigningRequest, approving it (certificatesigningrequests/approval) and `approve` on the kubernetes.io/kube-apiserver-client signer issues a client certificate for any user and group, including system:masters.',
  severity: 'critical',
  refs: ['Kubernetes RBAC good practices: CSRs', 'rbac-police approve_csrs'],
  fix: LEAST_PRIVILEGE_FIX,
  requests: () => [
    [
      { verb: 'create', apiGroup: GROUP, resource: 'certificatesigningrequests', namespace: '' },
      {
        verb: 'update',
        apiGroup: GROUP,
        resource: 'certificatesigningrequests',
        subresource: 'approval',
        namespace: '',
      },
      {
        verb: 'approve',
        apiGroup: GROUP,
        resource: 'signers',
        name: 'kubernetes.io/kube-apiserver-client',
        namespace: '',
      },
    ],
  ],
  what: 'issue and approve API client certificates',
});
