import { containersPhrase, joinQuote, pluralize, record, sortedSet, text } from '../podView.js';
import type { CheckDefinition, CheckPod, ViolationField } from '../types.js';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

export function validSeccompType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function validSeccompAnnotation(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

/** Policy v1.0–v1.18: the alpha seccomp annotations (pod and per container) must not be unconfined. */
const seccompProfileBaselineV1Dot0: CheckPod = (pod) => {
  const forbidden: string[] = [];
  const fields: ViolationField[] = [];
  const inspect = (key: string, container?: string) => {
    if (!Object.hasOwn(pod.annotations, key)) return;
    const value = pod.annotations[key]!;
    if (validSeccompAnnotation(value)) return;
    forbidden.push(`${key}=${JSON.stringify(value)}`);
    const path = ['metadata', 'annotations', key];
    fields.push(container === undefined ? { path } : { path, container });
  };
  inspect(POD_ANNOTATION);
  for (const c of pod.containers) inspect(CONTAINER_ANNOTATION_PREFIX + c.name, c.name);
  if (forbidden.length === 0) return undefined;
  const distinct = sortedSet(forbidden);
  return {
    reason: 'seccompProfile',
    detail: `forbidden ${pluralize('annotation', 'annotations', distinct.length)} ${distinct.join(', ')}`,
    fields,
  };
};

/** Policy v1.19+: the annotations are ignored; `seccompProfile.type`, where set, must be RuntimeDefault or Localhost. */
const seccompProfileBaselineV1Dot19: CheckPod = (pod) => {
  const setters: string[] = [];
  const badValues: string[] = [];
  const fields: ViolationField[] = [];
  const podProfile = record(pod.securityContext?.seccompProfile);
  if (podProfile && !validSeccompType(text(podProfile.type))) {
    setters.push('pod');
    badValues.push(text(podProfile.type));
    fields.push({ path: ['spec', 'securityContext', 'seccompProfile', 'type'] });
  }
  const badContainers: string[] = [];
  for (const c of pod.containers) {
    const profile = record(c.securityContext?.seccompProfile);
    if (profile && !validSeccompType(text(profile.type))) {
      badContainers.push(c.name);
      badValues.push(text(profile.type));
      fields.push({ path: [...c.path, 'securityContext', 'seccompProfile', 'type'], container: c.name });
    }
  }
  if (badContainers.length > 0) setters.push(containersPhrase(badContainers));
  if (setters.length === 0) return undefined;
  return {
    reason: 'seccompProfile',
    detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}`,
    fields,
  };
};

export const seccompProfile_baseline: CheckDefinition = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  versions: [
    { minVersion: 0, check: seccompProfileBaselineV1Dot0 },
    { minVersion: 19, check: seccompProfileBaselineV1Dot19 },
  ],
};
