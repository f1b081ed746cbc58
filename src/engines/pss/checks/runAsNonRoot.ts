import { containersPhrase, usesUserNamespace } from '../podView.js';
import type { CheckDefinition, CheckPod, ViolationField } from '../types.js';

/**
 * Upstream `check_runAsNonRoot.go`: pod-level `runAsNonRoot: true` covers containers that leave it unset; an explicit
 * false anywhere fails.
 */
const runAsNonRootV1Dot0: CheckPod = (pod) => {
  const setters: string[] = [];
  const explicitFields: ViolationField[] = [];
  const podValue = pod.securityContext?.runAsNonRoot;
  if (podValue === false) {
    setters.push('pod');
    explicitFields.push({ path: ['spec', 'securityContext', 'runAsNonRoot'] });
  }
  const podRunAsNonRoot = podValue === true;
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  const implicitFields: ViolationField[] = [];
  for (const c of pod.containers) {
    const value = c.securityContext?.runAsNonRoot;
    if (typeof value === 'boolean') {
      if (!value) {
        explicitlyBad.push(c.name);
        explicitFields.push({ path: [...c.path, 'securityContext', 'runAsNonRoot'], container: c.name });
      }
    } else if (!podRunAsNonRoot) {
      implicitlyBad.push(c.name);
      implicitFields.push({ path: [...c.path, 'securityContext', 'runAsNonRoot'], container: c.name });
    }
  }
  if (explicitlyBad.length > 0) setters.push(containersPhrase(explicitlyBad));
  if (setters.length > 0) {
    return {
      reason: 'runAsNonRoot != true',
      detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
      fields: explicitFields,
    };
  }
  if (implicitlyBad.length > 0) {
    return {
      reason: 'runAsNonRoot != true',
      detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.runAsNonRoot=true`,
      fields: implicitFields,
    };
  }
  return undefined;
};

/** From v1.35 a user-namespaced pod (`hostUsers: false`) is exempt: its root is not the host's root (KEP-127). */
const runAsNonRootV1Dot35: CheckPod = (pod) => (usesUserNamespace(pod) ? undefined : runAsNonRootV1Dot0(pod));

export const runAsNonRoot: CheckDefinition = {
  id: 'runAsNonRoot',
  level: 'restricted',
  versions: [
    { minVersion: 0, check: runAsNonRootV1Dot0 },
    { minVersion: 35, check: runAsNonRootV1Dot35 },
  ],
};
