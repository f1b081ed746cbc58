/** Plain JSON-like data as parsed from YAML or JSON. */
export type JsonObject = Record<string, unknown>;

/** A map (not an array, not null): the shape of a Kubernetes object or of one of its fields. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `table[key]` for a key that comes from the input, read as an own property only: a kind, label or setting named
 * `constructor`, `toString` or `__proto__` must find nothing, not Object.prototype's members (issue 9 §2).
 */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
