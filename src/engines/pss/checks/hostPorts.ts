import { containersPhrase, list, pluralize, record, sortedSet } from '../podView.js';
import type { CheckDefinition, CheckPod, ViolationField } from '../types.js';

/** Upstream `check_hostPorts.go`: every `ports[*].hostPort` must be unset or 0. */
const hostPortsV1Dot0: CheckPod = (pod) => {
  const bad: string[] = [];
  const ports: string[] = [];
  const fields: ViolationField[] = [];
  for (const c of pod.containers) {
    let valid = true;
    // A loop, not forEach: no closure per container (holes skipped as forEach skips them).
    const items = list(c.raw.ports);
    for (let index = 0; index < items.length; index++) {
      if (!(index in items)) continue;
      const hostPort = record(items[index])?.hostPort;
      if (typeof hostPort === 'number' && hostPort !== 0) {
        valid = false;
        ports.push(String(hostPort));
        fields.push({ path: [...c.path, 'ports', index, 'hostPort'], container: c.name });
      }
    }
    if (!valid) bad.push(c.name);
  }
  if (bad.length === 0) return undefined;
  const distinct = sortedSet(ports);
  return {
    reason: 'hostPort',
    detail: `${containersPhrase(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', distinct.length)} ${distinct.join(', ')}`,
    fields,
  };
};

export const hostPorts: CheckDefinition = {
  id: 'hostPorts',
  level: 'baseline',
  versions: [{ minVersion: 0, check: hostPortsV1Dot0 }],
};
