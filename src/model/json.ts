/** Plain JSON-like data as parsed from YAML or JSON. */
export type JsonObject = Record<string, unknown>;

/** A map (not an array, not null): the shape of a Kubernetes object or of one of its fields. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
