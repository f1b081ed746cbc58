import { grantRule, LEAST_PRIVILEGE_FIX } from './support.js';

export default grantRule({
  id: 'RBAC-NODE-035',
  title: 'Subject can reach the kubelet API (nodes/proxy)',
  description:
    'Any verb on nodes/proxy — `get` included — reaches the kubelet API of every node: exec, run and attach in every pod over WebSocket, bypassing admission and API audit.',
  severity: 'critical',
  refs: [
    'Kubernetes RBAC good practices: nodes/proxy',
    'rbac-police nodes_proxy',
    'KubiScan risky-execute-command-node-proxy',
  ],
  fix: LEAST_PRIVILEGE_FIX,
  requests: () =>
    ['get', 'create', 'update', 'patch', 'delete'].map((verb) => [
      { verb, apiGroup: '', resource: 'nodes', subresource: 'proxy', namespace: '' },
    ]),
  what: 'reach the kubelet API of every node (nodes/proxy)',
});
