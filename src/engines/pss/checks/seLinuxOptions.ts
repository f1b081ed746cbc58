import type { PathSegment } from '../../../model/source.js';
import { containersPhrase, joinQuote, pluralize, record, sortedSet, text } from '../podView.js';
import type { CheckDefinition, CheckPod, JsonMap, PodView, ViolationField } from '../types.js';

const ALLOWED_TYPES_1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
/** `container_engine_t` (for container engines running in pods) became allowed in policy v1.31. */
const ALLOWED_TYPES_1_31 = [...ALLOWED_TYPES_1_0, 'container_engine_t'];

/**
 * Upstream `check_seLinuxOptions.go`: `seLinuxOptions.type` (pod and containers) limited to the container types;
 * `user` and `role` must not be set.
 */
function seLinuxOptionsCheck(allowedTypes: readonly string[]): CheckPod {
  const allowed = new Set(allowedTypes);
  return (pod: PodView) => {
    // Most pods set no seLinuxOptions: judged without making the closures and lists below (a review's share).
    if (!setsSeLinuxOptions(pod)) return undefined;
    const setters: string[] = [];
    const badTypes: string[] = [];
    let setUser = false;
    let setRole = false;
    const fields: ViolationField[] = [];
    const inspect = (options: JsonMap, base: PathSegment[], container?: string): boolean => {
      let valid = true;
      const at = (key: string): ViolationField =>
        container === undefined ? { path: [...base, key] } : { path: [...base, key], container };
      const type = text(options.type);
      if (!allowed.has(type)) {
        valid = false;
        badTypes.push(type);
        fields.push(at('type'));
      }
      if (text(options.user) !== '') {
        valid = false;
        setUser = true;
        fields.push(at('user'));
      }
      if (text(options.role) !== '') {
        valid = false;
        setRole = true;
        fields.push(at('role'));
      }
      return valid;
    };
    const podOptions = record(pod.securityContext?.seLinuxOptions);
    if (podOptions && !inspect(podOptions, ['spec', 'securityContext', 'seLinuxOptions']))
      setters.push('pod');
    const badContainers: string[] = [];
    for (const c of pod.containers) {
      const options = record(c.securityContext?.seLinuxOptions);
      if (options && !inspect(options, [...c.path, 'securityContext', 'seLinuxOptions'], c.name)) {
        badContainers.push(c.name);
      }
    }
    if (badContainers.length > 0) setters.push(containersPhrase(badContainers));
    if (setters.length === 0) return undefined;
    const data: string[] = [];
    const types = sortedSet(badTypes);
    if (types.length > 0) data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (setUser) data.push('user may not be set');
    if (setRole) data.push('role may not be set');
    return {
      reason: 'seLinuxOptions',
      detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`,
      fields,
    };
  };
}

/** Whether the pod or any of its containers has a `securityContext.seLinuxOptions` mapping (else the check passes). */
function setsSeLinuxOptions(pod: PodView): boolean {
  if (record(pod.securityContext?.seLinuxOptions)) return true;
  for (const c of pod.containers) if (record(c.securityContext?.seLinuxOptions)) return true;
  return false;
}

export const seLinuxOptions: CheckDefinition = {
  id: 'seLinuxOptions',
  level: 'baseline',
  versions: [
    { minVersion: 0, check: seLinuxOptionsCheck(ALLOWED_TYPES_1_0) },
    { minVersion: 31, check: seLinuxOptionsCheck(ALLOWED_TYPES_1_31) },
  ],
};
