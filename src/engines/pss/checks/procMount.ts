import { containersPhrase, joinQuote, sortedSet, text, usesUserNamespace } from '../podView.js';
import type { CheckDefinition, CheckFailure, CheckPod, PodView, ViolationField } from '../types.js';

/** Containers whose `securityContext.procMount` is set to anything but `Default` (upstream `procMount_1_0`). */
export function unmaskedProcMounts(pod: PodView): CheckFailure | undefined {
  const bad: string[] = [];
  const types: string[] = [];
  const fields: ViolationField[] = [];
  for (const c of pod.containers) {
    const value = c.securityContext?.procMount;
    if (value === undefined || value === null) continue;
    const procMount = text(value);
    if (procMount !== 'Default') {
      bad.push(c.name);
      types.push(procMount);
      fields.push({ path: [...c.path, 'securityContext', 'procMount'], container: c.name });
    }
  }
  if (bad.length === 0) return undefined;
  return {
    reason: 'procMount',
    detail: `${containersPhrase(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
    fields,
  };
}

/** From policy v1.35 baseline allows any procMount in a user-namespaced pod (`hostUsers: false`, KEP-127). */
const procMountV1Dot35: CheckPod = (pod) => (usesUserNamespace(pod) ? undefined : unmaskedProcMounts(pod));

export const procMount: CheckDefinition = {
  id: 'procMount',
  level: 'baseline',
  versions: [
    { minVersion: 0, check: unmaskedProcMounts },
    { minVersion: 35, check: procMountV1Dot35 },
  ],
};
