import { containersPhrase, isWindowsPod } from '../podView.js';
import type { CheckDefinition, CheckPod, ViolationField } from '../types.js';

/** Upstream `check_allowPrivilegeEscalation.go` (v1.8, the field's release): every container must set it to false. */
const allowPrivilegeEscalationV1Dot8: CheckPod = (pod) => {
  const bad: string[] = [];
  const fields: ViolationField[] = [];
  for (const c of pod.containers) {
    if (c.securityContext?.allowPrivilegeEscalation !== false) {
      bad.push(c.name);
      fields.push({ path: [...c.path, 'securityContext', 'allowPrivilegeEscalation'], container: c.name });
    }
  }
  if (bad.length === 0) return undefined;
  return {
    reason: 'allowPrivilegeEscalation != false',
    detail: `${containersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false`,
    fields,
  };
};

/** From v1.25 pods declaring `spec.os.name: windows` are exempt (the field has no meaning there). */
const allowPrivilegeEscalationV1Dot25: CheckPod = (pod) =>
  isWindowsPod(pod) ? undefined : allowPrivilegeEscalationV1Dot8(pod);

export const allowPrivilegeEscalation: CheckDefinition = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  versions: [
    { minVersion: 8, check: allowPrivilegeEscalationV1Dot8 },
    { minVersion: 25, check: allowPrivilegeEscalationV1Dot25 },
  ],
};
