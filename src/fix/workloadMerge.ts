import { isJsonObject as isMap } from '../model/json.js';

/**
 * A strategic merge patch applier limited to the pod fields `workloadFixes` patches, with the patch merge keys of the
 * Kubernetes API (`containers`, `initContainers`, `ephemeralContainers` and `volumes` by name; `ports` by
 * containerPort). Other lists are replaced whole, as for lists without a patch strategy; `null` deletes a field.
 */

const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  ports: 'containerPort',
};

type Json = Record<string, unknown>;

export function applyStrategicMerge(target: unknown, patch: unknown, field?: string): unknown {
  if (isMap(patch)) {
    const result: Json = isMap(target) ? { ...target } : {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete result[key];
      else result[key] = applyStrategicMerge(result[key], value, key);
    }
    return result;
  }
  const mergeKey = field === undefined ? undefined : MERGE_KEYS[field];
  if (Array.isArray(patch) && Array.isArray(target) && mergeKey !== undefined) {
    const result = [...target];
    for (const item of patch) {
      const index = isMap(item) ? result.findIndex((t) => isMap(t) && t[mergeKey] === item[mergeKey]) : -1;
      if (index >= 0) result[index] = applyStrategicMerge(result[index], item);
      else result.push(item);
    }
    return result;
  }
  return patch;
}
