import { containersPhrase } from '../podView.js';
import type { CheckDefinition, CheckPod, ViolationField } from '../types.js';

/** Upstream `check_privileged.go`: no container may set `securityContext.privileged: true`. */
const privilegedV1Dot0: CheckPod = (pod) => {
  const bad: string[] = [];
  const fields: ViolationField[] = [];
  for (const c of pod.containers) {
    if (c.securityContext?.privileged === true) {
      bad.push(c.name);
      fields.push({ path: [...c.path, 'securityContext', 'privileged'], container: c.name });
    }
  }
  if (bad.length === 0) return undefined;
  return {
    reason: 'privileged',
    detail: `${containersPhrase(bad)} must not set securityContext.privileged=true`,
    fields,
  };
};

export const privileged: CheckDefinition = {
  id: 'privileged',
  level: 'baseline',
  versions: [{ minVersion: 0, check: privilegedV1Dot0 }],
};
