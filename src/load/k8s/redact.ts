import type { JsonObject } from '../../model/k8s.js';

/** What a Secret value becomes at load. Findings may say a key exists, never what it holds. */
export const REDACTED = '<redacted>';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Replaces the values of a Secret (`data`, `stringData`) and of its last-applied annotation, which kubectl fills
 * with a copy of the whole object, values included. Keys are kept so rules can name them.
 */
export function redactSecret(raw: JsonObject): JsonObject {
  const copy: JsonObject = { ...raw };
  for (const field of ['data', 'stringData'] as const) {
    const values = raw[field];
    if (values && typeof values === 'object' && !Array.isArray(values)) {
      copy[field] = Object.fromEntries(Object.keys(values).map((key) => [key, REDACTED]));
    }
  }
  const metadata = raw.metadata;
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata)) {
    const annotations = (metadata as JsonObject).annotations;
    if (annotations && typeof annotations === 'object' && LAST_APPLIED in annotations) {
      copy.metadata = {
        ...metadata,
        annotations: { ...(annotations as JsonObject), [LAST_APPLIED]: REDACTED },
      };
    }
  }
  return copy;
}
