import { containersPhrase, joinQuote, pluralize, record, sortedSet, text } from '../podView.js';
import type { CheckDefinition, CheckPod, ViolationField } from '../types.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const ALLOWED_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

function allowedAnnotationValue(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

/**
 * Upstream `check_appArmorProfile.go`: the `appArmorProfile.type` fields (pod and containers) must be RuntimeDefault or
 * Localhost, and the beta annotations `runtime/default`, `localhost/*` or empty. The field checks apply at every
 * policy version (one implementation, v1.0).
 */
const appArmorProfileV1Dot0: CheckPod = (pod) => {
  const setters: string[] = [];
  const badValues: string[] = [];
  const fields: ViolationField[] = [];
  const podProfile = record(pod.securityContext?.appArmorProfile);
  if (podProfile && !ALLOWED_TYPES.has(text(podProfile.type))) {
    setters.push('pod');
    badValues.push(text(podProfile.type));
    fields.push({ path: ['spec', 'securityContext', 'appArmorProfile', 'type'] });
  }
  const badContainers: string[] = [];
  for (const c of pod.containers) {
    const profile = record(c.securityContext?.appArmorProfile);
    if (profile && !ALLOWED_TYPES.has(text(profile.type))) {
      badContainers.push(c.name);
      badValues.push(text(profile.type));
      fields.push({ path: [...c.path, 'securityContext', 'appArmorProfile', 'type'], container: c.name });
    }
  }
  if (badContainers.length > 0) setters.push(containersPhrase(badContainers));
  const badAnnotations: string[] = [];
  const annotations = pod.annotations;
  for (const key of Object.keys(annotations)) {
    const value = annotations[key]!;
    if (key.startsWith(ANNOTATION_PREFIX) && !allowedAnnotationValue(value)) {
      badAnnotations.push(`${key}=${JSON.stringify(value)}`);
      fields.push({ path: ['metadata', 'annotations', key], container: key.slice(ANNOTATION_PREFIX.length) });
    }
  }
  const valueList = sortedSet(badValues);
  if (badAnnotations.length > 0) {
    valueList.push(...badAnnotations.sort());
    setters.push(pluralize('annotation', 'annotations', badAnnotations.length));
  }
  if (setters.length === 0) return undefined;
  return {
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', valueList.length),
    detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(valueList)}`,
    fields,
  };
};

export const appArmorProfile: CheckDefinition = {
  id: 'appArmorProfile',
  level: 'baseline',
  versions: [{ minVersion: 0, check: appArmorProfileV1Dot0 }],
};
