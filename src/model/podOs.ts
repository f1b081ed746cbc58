import { isJsonObject, type JsonObject } from './json.js';

/**
 * Whether a pod runs on Windows nodes: `spec.os.name: windows` (the field the API server and Pod Security read), or
 * a node selector or required node affinity on `kubernetes.io/os: windows` (how most manifests pin Windows pods).
 * Several Linux-only fields (readOnlyRootFilesystem, runAsUser, hostUsers ...) "cannot be set when spec.os.name is
 * windows" (Kubernetes API reference, PodSpec and SecurityContext).
 */
export function targetsWindows(spec: JsonObject): boolean {
  if (isJsonObject(spec.os) && spec.os.name === 'windows') return true;
  const selector = isJsonObject(spec.nodeSelector) ? spec.nodeSelector : {};
  if (String(selector['kubernetes.io/os'] ?? '').toLowerCase() === 'windows') return true;
  const affinity = isJsonObject(spec.affinity) ? spec.affinity : {};
  const nodeAffinity = isJsonObject(affinity.nodeAffinity) ? affinity.nodeAffinity : {};
  const required = isJsonObject(nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution)
    ? nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution
    : {};
  const terms = Array.isArray(required.nodeSelectorTerms) ? required.nodeSelectorTerms : [];
  return terms.some(
    (term) =>
      isJsonObject(term) &&
      Array.isArray(term.matchExpressions) &&
      term.matchExpressions.some(
        (expression) =>
          isJsonObject(expression) &&
          expression.key === 'kubernetes.io/os' &&
          expression.operator === 'In' &&
          Array.isArray(expression.values) &&
          expression.values.some((value) => String(value).toLowerCase() === 'windows'),
      ),
  );
}
