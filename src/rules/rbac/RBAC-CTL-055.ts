import { grantRule, LEAST_PRIVILEGE_FIX } from './support.js';

export default grantRule({
  id: 'RBAC-CTL-055',
  title: 'Subject can modify nodes',
  description:
    'patch or update on nodes or nodes/status changes labels, taints and conditions: it steers workloads (and their secrets) onto a chosen node, or evicts them.',
  severity: 'medium',
  refs: ['rbac-police modify_node_status, steal_pods'],
  fix: LEAST_PRIVILEGE_FIX,
  requests: () =>
    ['patch', 'update'].flatMap((verb) => [
      [{ verb, apiGroup: '', resource: 'nodes', namespace: '' }],
      [{ verb, apiGroup: '', resource: 'nodes', subresource: 'status', namespace: '' }],
    ]),
  what: 'modify nodes (labels, taints, status)',
});
