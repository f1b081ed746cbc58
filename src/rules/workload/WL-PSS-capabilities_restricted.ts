import { pssCheckRule } from './pssCheckRule.js';

export default pssCheckRule('capabilities_restricted', {
  title: 'Capabilities not dropped',
  description:
    "Containers start with the runtime's default capability set. Pod Security restricted (from v1.22) requires every container to drop ALL and to add back at most NET_BIND_SERVICE, so that a compromised process holds no kernel privilege. Windows pods are exempt from v1.25.",
  severity: 'low',
  fix: {
    manifest:
      'Set `securityContext.capabilities.drop: [ALL]` on every container; add back only `NET_BIND_SERVICE` if it binds a port below 1024.',
  },
});
