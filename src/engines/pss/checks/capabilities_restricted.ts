import { containersPhrase, isWindowsPod, joinQuote, list, record, sortedSet, text } from '../podView.js';
import type { CheckDefinition, CheckPod, ViolationField } from '../types.js';

/** Upstream `check_capabilities_restricted.go` (v1.22): drop must contain ALL, add may only hold NET_BIND_SERVICE. */
const capabilitiesRestrictedV1Dot22: CheckPod = (pod) => {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbidden: string[] = [];
  const fields: ViolationField[] = [];
  for (const c of pod.containers) {
    const capabilities = record(c.securityContext?.capabilities);
    // includes, not some: the same answer for a list of any values (holes read as undefined, never 'ALL').
    if (!capabilities || !list(capabilities.drop).includes('ALL')) {
      missingDropAll.push(c.name);
      fields.push({ path: [...c.path, 'securityContext', 'capabilities', 'drop'], container: c.name });
    }
    if (!capabilities) continue;
    let added = false;
    // A loop, not forEach: no closure per container (holes skipped as forEach skips them).
    const add = list(capabilities.add);
    for (let index = 0; index < add.length; index++) {
      if (!(index in add)) continue;
      const item = add[index];
      if (item !== 'NET_BIND_SERVICE') {
        added = true;
        forbidden.push(text(item));
        fields.push({
          path: [...c.path, 'securityContext', 'capabilities', 'add', index],
          container: c.name,
        });
      }
    }
    if (added) addingForbidden.push(c.name);
  }
  const details: string[] = [];
  if (missingDropAll.length > 0) {
    details.push(`${containersPhrase(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  }
  if (addingForbidden.length > 0) {
    details.push(
      `${containersPhrase(addingForbidden)} must not include ${joinQuote(sortedSet(forbidden))} in securityContext.capabilities.add`,
    );
  }
  if (details.length === 0) return undefined;
  return { reason: 'unrestricted capabilities', detail: details.join('; '), fields };
};

const capabilitiesRestrictedV1Dot25: CheckPod = (pod) =>
  isWindowsPod(pod) ? undefined : capabilitiesRestrictedV1Dot22(pod);

export const capabilities_restricted: CheckDefinition = {
  id: 'capabilities_restricted',
  level: 'restricted',
  versions: [
    { minVersion: 22, check: capabilitiesRestrictedV1Dot22, overrides: ['capabilities_baseline'] },
    { minVersion: 25, check: capabilitiesRestrictedV1Dot25, overrides: ['capabilities_baseline'] },
  ],
};
