import { containersPhrase, joinQuote, list, record, sortedSet, text } from '../podView.js';
import type { CheckDefinition, CheckPod, ViolationField } from '../types.js';

/** The container runtime's default capability set; NET_RAW is deliberately absent (upstream `capabilities_allowed_1_0`). */
export const BASELINE_ALLOWED_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** Upstream `check_capabilities_baseline.go`: `capabilities.add` limited to the default set. */
const capabilitiesBaselineV1Dot0: CheckPod = (pod) => {
  const bad: string[] = [];
  const forbidden: string[] = [];
  const fields: ViolationField[] = [];
  for (const c of pod.containers) {
    const capabilities = record(c.securityContext?.capabilities);
    if (!capabilities) continue;
    let valid = true;
    list(capabilities.add).forEach((item, index) => {
      const capability = text(item);
      if (!BASELINE_ALLOWED_CAPABILITIES.has(capability)) {
        valid = false;
        forbidden.push(capability);
        fields.push({
          path: [...c.path, 'securityContext', 'capabilities', 'add', index],
          container: c.name,
        });
      }
    });
    if (!valid) bad.push(c.name);
  }
  if (bad.length === 0) return undefined;
  return {
    reason: 'non-default capabilities',
    detail: `${containersPhrase(bad)} must not include ${joinQuote(sortedSet(forbidden))} in securityContext.capabilities.add`,
    fields,
  };
};

export const capabilities_baseline: CheckDefinition = {
  id: 'capabilities_baseline',
  level: 'baseline',
  versions: [{ minVersion: 0, check: capabilitiesBaselineV1Dot0 }],
};
