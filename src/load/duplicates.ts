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
    const identity = identityOf(object);
    if (identity === undefined) continue;
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
      const key = contentOf(object);
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

/**
 * What makes two declarations the same object: group, kind, namespace and name joined by NUL (concatenated, no array
 * per object); undefined for objects that are never the same object (generateName: new on every create; unnamed).
 */
export function identityOf(object: K8sObject): string | undefined {
  if (object.metadata.name.endsWith('*') || object.metadata.name === '(unnamed)') return undefined;
  return `${object.group}\u0000${object.kind}\u0000${object.namespace ?? ''}\u0000${object.metadata.name}`;
}

/** The content two declarations of one object are compared by: canonical JSON, the effective namespace written. */
export function contentOf(object: K8sObject): string {
  return canonicalJson(withNamespace(object));
}

/** A way to get an object back that was let go (read again from its file); called only when a later copy needs it. */
export interface Recall {
  object(): K8sObject | undefined;
}

/**
 * `keepOnce` for objects seen one at a time and not kept (a streamed command): `isCopy` says whether `keepOnce` would
 * drop an object, i.e. an earlier one has its identity and the same content. The first object of an identity is held
 * only as its `Recall`; its content is computed when a second one comes.
 */
export class StreamedOnce {
  private readonly seen = new Map<string, Recall | Set<string>>();

  /** Whether `object` is a later identical copy of one seen before; if not, it is remembered. */
  isCopy(object: K8sObject, recall: Recall): boolean {
    const identity = identityOf(object);
    if (identity === undefined) return false;
    const contents = this.contentsOf(identity);
    if (contents === undefined) {
      this.seen.set(identity, recall);
      return false;
    }
    const content = contentOf(object);
    if (contents.has(content)) return true;
    contents.add(content);
    return false;
  }

  /** Whether an earlier object remembered here has `object`'s identity and content (without remembering it). */
  hasCopyOf(object: K8sObject): boolean {
    const identity = identityOf(object);
    if (identity === undefined) return false;
    return this.contentsOf(identity)?.has(contentOf(object)) ?? false;
  }

  /** The contents seen under an identity, computed from the first object's recall when first asked. */
  private contentsOf(identity: string): Set<string> | undefined {
    const earlier = this.seen.get(identity);
    if (earlier === undefined || earlier instanceof Set) return earlier;
    const first = earlier.object();
    // The reader is deterministic: the recalled object is the one seen. Were it lost, nothing is taken as its copy.
    const contents = new Set(first ? [contentOf(first)] : []);
    this.seen.set(identity, contents);
    return contents;
  }
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
