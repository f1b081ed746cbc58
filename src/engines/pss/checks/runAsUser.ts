import { containersPhrase, usesUserNamespace } from '../podView.js';
import type { CheckDefinition, CheckPod, ViolationField } from '../types.js';

/** Upstream `check_runAsUser.go` (v1.23): neither the pod nor any container may set `runAsUser: 0`. */
const runAsUserV1Dot23: CheckPod = (pod) => {
  const setters: string[] = [];
  const fields: ViolationField[] = [];
  if (pod.securityContext?.runAsUser === 0) {
    setters.push('pod');
    fields.push({ path: ['spec', 'securityContext', 'runAsUser'] });
  }
  const bad: string[] = [];
  for (const c of pod.containers) {
    if (c.securityContext?.runAsUser === 0) {
      bad.push(c.name);
      fields.push({ path: [...c.path, 'securityContext', 'runAsUser'], container: c.name });
    }
  }
  if (bad.length > 0) setters.push(containersPhrase(bad));
  if (setters.length === 0) return undefined;
  return { reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0`, fields };
};

/** From v1.35 a user-namespaced pod (`hostUsers: false`) is exempt (KEP-127). */
const runAsUserV1Dot35: CheckPod = (pod) => (usesUserNamespace(pod) ? undefined : runAsUserV1Dot23(pod));

export const runAsUser: CheckDefinition = {
  id: 'runAsUser',
  level: 'restricted',
  versions: [
    { minVersion: 23, check: runAsUserV1Dot23 },
    { minVersion: 35, check: runAsUserV1Dot35 },
  ],
};
