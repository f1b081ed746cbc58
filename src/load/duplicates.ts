import type { LoadIssue } from '../model/inventory.js';
import type { K8sObject } from '../model/k8s.js';

/**
 * Objects declared more than once across the inputs (an app's all-in-one file and its chart, two overlays building
 * the same object) are scanned once: of identical copies (same group, kind, namespace and name, same content), the
 * first is kept and the others' places become its `duplicates`, with a note naming every place. Copies whose
 * contents differ are different candidates for what the cluster gets: each is kept, and a note says so.
 */
export function keepOnce(objects: readonly K8sObject[], issues: LoadIssue[]): K8sObject[] {
  // An object alone under its identity is held as itself: an array is made only for the second (most never get one).
  const byIdentity = new Map<string, K8sObject | K8sObject[]>();
  for (const object of objects) {
    // generateName objects are new objects on every create; they are never the same object.
    if (object.metadata.name.endsWith('*') || object.metadata.name === '(unnamed)') continue;
    // The four joined by NUL, concatenated (no array per object).
    const identity = `${object.group}\u0000${object.kind}\u0000${object.namespace ?? ''}\u0000${object.metadata.name}`;
    const known = byIdentity.get(identity);
    if (known === undefined) byIdentity.set(identity, object);
    else if (Array.isArray(known)) known.push(object);
    else byIdentity.set(identity, [known, object]);
  }
  const dropped = new Set<K8sObject>();
  for (const group of byIdentity.values()) {
    if (!Array.isArray(group)) continue;
    const first = group[0]!;
    const variants = new Map<string, K8sObject[]>();
    for (const object of group) {
      const key = canonicalJson(withNamespace(object));
      const list = variants.get(key);
      if (list) list.push(object);
      else variants.set(key, [object]);
    }
    for (const copies of variants.values()) {
      if (copies.length < 2) continue;
      const [kept, ...others] = copies as [K8sObject, ...K8sObject[]];
      kept.duplicates = others.map((other) => other.location);
      for (const other of others) dropped.add(other);
    }
    // One note per object, naming every place.
    const places = group.map(placeOf).join(', ');
    issues.push({
      level: 'note',
      file: first.location.file,
      line: first.location.line,
      column: first.location.column,
      message:
        variants.size === 1
          ? `${describe(first)} is declared ${group.length} times with the same content (${places}); scanned once`
          : `${describe(first)} is declared ${group.length} times with ${variants.size} different contents (${places}); each different content is scanned, since any of them may be what the cluster gets`,
    });
  }
  return dropped.size === 0 ? [...objects] : objects.filter((object) => !dropped.has(object));
}

function describe(object: K8sObject): string {
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.metadata.name}`;
}

/** `base/deploy.yaml:3`, with the chart or overlay that rendered it. */
function placeOf(object: K8sObject): string {
  const at = `${object.location.file}:${object.location.line}`;
  const origin = object.document.origin;
  if (origin?.chart !== undefined) return `${at} in chart ${origin.chart}`;
  if (origin?.overlay !== undefined) return `${at} through overlay ${origin.overlay}`;
  return at;
}

/** The object with its effective namespace written, so `namespace: default` and none compare equal. */
function withNamespace(object: K8sObject): unknown {
  if (object.namespace === undefined) return object.raw;
  const metadata = (object.raw.metadata ?? {}) as Record<string, unknown>;
  return { ...object.raw, metadata: { ...metadata, namespace: object.namespace } };
}

/** JSON with object keys sorted, for comparing contents. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
