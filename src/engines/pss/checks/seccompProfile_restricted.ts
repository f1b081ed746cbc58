import { containersPhrase, isWindowsPod, joinQuote, record, sortedSet, text } from '../podView.js';
import type { CheckDefinition, CheckPod, ViolationField } from '../types.js';
import { validSeccompType } from './seccompProfile_baseline.js';

/**
 * Upstream `check_seccompProfile_restricted.go` (v1.19): the pod, or every container, must set `seccompProfile.type`
 * to RuntimeDefault or Localhost; an explicit other value anywhere fails.
 */
const seccompProfileRestrictedV1Dot19: CheckPod = (pod) => {
  const setters: string[] = [];
  const badValues: string[] = [];
  const explicitFields: ViolationField[] = [];
  let podSeccompSet = false;
  const podProfile = record(pod.securityContext?.seccompProfile);
  if (podProfile) {
    if (validSeccompType(text(podProfile.type))) podSeccompSet = true;
    else {
      setters.push('pod');
      badValues.push(text(podProfile.type));
      explicitFields.push({ path: ['spec', 'securityContext', 'seccompProfile', 'type'] });
    }
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  const implicitFields: ViolationField[] = [];
  for (const c of pod.containers) {
    const profile = record(c.securityContext?.seccompProfile);
    if (profile) {
      if (!validSeccompType(text(profile.type))) {
        explicitlyBad.push(c.name);
        badValues.push(text(profile.type));
        explicitFields.push({
          path: [...c.path, 'securityContext', 'seccompProfile', 'type'],
          container: c.name,
        });
      }
    } else if (!podSeccompSet) {
      implicitlyBad.push(c.name);
      implicitFields.push({ path: [...c.path, 'securityContext', 'seccompProfile'], container: c.name });
    }
  }
  if (explicitlyBad.length > 0) setters.push(containersPhrase(explicitlyBad));
  if (setters.length > 0) {
    return {
      reason: 'seccompProfile',
      detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}`,
      fields: explicitFields,
    };
  }
  if (implicitlyBad.length > 0) {
    return {
      reason: 'seccompProfile',
      detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      fields: implicitFields,
    };
  }
  return undefined;
};

const seccompProfileRestrictedV1Dot25: CheckPod = (pod) =>
  isWindowsPod(pod) ? undefined : seccompProfileRestrictedV1Dot19(pod);

export const seccompProfile_restricted: CheckDefinition = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  versions: [
    { minVersion: 19, check: seccompProfileRestrictedV1Dot19, overrides: ['seccompProfile_baseline'] },
    { minVersion: 25, check: seccompProfileRestrictedV1Dot25, overrides: ['seccompProfile_baseline'] },
  ],
};
