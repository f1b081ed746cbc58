import { grantRule, LEAST_PRIVILEGE_FIX } from './support.js';

export default grantRule({
  id: 'RBAC-CTL-056',
  title: 'Subject can rewrite pod or service status',
  description:
    'Writing pods/status or services/status (for example a LoadBalancer ingress IP, CVE-2020-8554) misleads controllers and can redirect traffic.',
  severity: 'low',
  refs: ['rbac-police modify_pod_status, modify_service_status_cve_2020_8554'],
  fix: LEAST_PRIVILEGE_FIX,
  requests: () =>
    ['pods', 'services'].flatMap((resource) =>
      ['patch', 'update'].map((verb) => [{ verb, apiGroup: '', resource, subresource: 'status' }]),
    ),
  what: 'rewrite pod or service status',
});
