import type { CheckDefinition, CheckPod, ViolationField } from '../types.js';

const HOST_NAMESPACE_FIELDS = ['hostIPC', 'hostNetwork', 'hostPID'] as const;

/** Upstream `check_hostNamespaces.go`: hostNetwork, hostPID and hostIPC must be unset or false. */
const hostNamespacesV1Dot0: CheckPod = (pod) => {
  const set = HOST_NAMESPACE_FIELDS.filter((field) => pod.spec[field] === true);
  if (set.length === 0) return undefined;
  const fields: ViolationField[] = set.map((field) => ({ path: ['spec', field] }));
  return { reason: 'host namespaces', detail: set.join(', '), fields };
};

export const hostNamespaces: CheckDefinition = {
  id: 'hostNamespaces',
  level: 'baseline',
  versions: [{ minVersion: 0, check: hostNamespacesV1Dot0 }],
};
