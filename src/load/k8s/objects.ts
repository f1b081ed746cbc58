import { classifySecretValue, type SecretValueClass } from '../../model/credentials.js';
import type { LoadIssue } from '../../model/inventory.js';
import { isJsonObject as isPlainObject } from '../../model/json.js';
import type { JsonObject, K8sObject, ObjectMeta } from '../../model/k8s.js';
import type { PathSegment } from '../../model/source.js';
import type { SourceDocument } from '../document.js';
import { newMapping } from '../yaml/mappingEntries.js';
import { groupOf, isClusterScoped } from './kinds.js';
import { redactSecret } from './redact.js';

export { isPlainObject };

/** A Kubernetes object is a map with a string `apiVersion` and `kind` (what kubectl requires). */
export function looksLikeKubernetesObject(value: unknown): value is JsonObject {
  return isPlainObject(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string';
}

export interface ObjectsResult {
  objects: K8sObject[];
  issues: LoadIssue[];
}

/** Turns one document into Kubernetes objects, expanding `kind: List` and `*List` kinds. */
export function objectsOfDocument(document: SourceDocument, defaultNamespace: string): ObjectsResult {
  const objects: K8sObject[] = [];
  const issues: LoadIssue[] = [];
  const value = document.value;
  if (!looksLikeKubernetesObject(value)) return { objects, issues };
  const kind = value.kind as string;
  if (kind.endsWith('List') && Array.isArray(value.items)) {
    // `kubectl get pods -o json` prints a PodList whose items carry no apiVersion/kind: kubectl infers them from
    // the list (PodList → Pod). A generic `kind: List` has no such default.
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    value.items.forEach((item, index) => {
      const path = ['items', index];
      const typed =
        itemKind && isPlainObject(item) && (item.apiVersion === undefined || item.kind === undefined)
          ? { apiVersion: value.apiVersion, kind: itemKind, ...item }
          : item;
      if (looksLikeKubernetesObject(typed)) {
        objects.push(makeObject(document, typed, path, defaultNamespace));
      } else {
        const at = document.locate(path);
        issues.push({
          level: 'error',
          file: document.file,
          line: at.line,
          column: at.column,
          message: `item ${index} of the ${kind} has no apiVersion and kind; skipped`,
        });
      }
    });
    return { objects, issues };
  }
  objects.push(makeObject(document, value, WHOLE_DOCUMENT, defaultNamespace));
  return { objects, issues };
}

/** The base path of an object that is a whole document, shared by all of them (read only). */
const WHOLE_DOCUMENT: readonly PathSegment[] = [];

function makeObject(
  document: SourceDocument,
  value: JsonObject,
  basePath: readonly PathSegment[],
  defaultNamespace: string,
): K8sObject {
  const apiVersion = value.apiVersion as string;
  const kind = value.kind as string;
  const secret = kind === 'Secret' && groupOf(apiVersion) === '';
  // Classified before redaction, so rules can say whether a committed value is a credential without seeing it.
  const secretValues = secret ? classifySecret(value) : undefined;
  const raw = secret ? redactSecret(value) : value;
  const metadata = metadataOf(raw.metadata);
  const group = groupOf(apiVersion);
  const location = document.locate(basePath);
  // One literal per shape, the namespace written in it: a property added afterwards allocates an out-of-object
  // property array for each object (the fields' order is the same either way).
  const object: K8sObject = isClusterScoped(kind)
    ? { apiVersion, kind, group, metadata, raw, document, basePath, location }
    : {
        apiVersion,
        kind,
        group,
        metadata,
        raw,
        document,
        basePath,
        location,
        namespace: metadata.namespace ?? defaultNamespace,
      };
  if (secretValues) object.secretValues = secretValues;
  return object;
}

function classifySecret(value: JsonObject): SecretValueClass[] {
  const type = typeof value.type === 'string' ? value.type : 'Opaque';
  const out: SecretValueClass[] = [];
  for (const field of ['data', 'stringData'] as const) {
    const values = value[field];
    if (!isPlainObject(values)) continue;
    for (const [key, item] of Object.entries(values)) out.push(classifySecretValue(key, field, item, type));
  }
  return out;
}

function metadataOf(value: unknown): ObjectMeta {
  const metadata = isPlainObject(value) ? value : {};
  const name =
    typeof metadata.name === 'string'
      ? metadata.name
      : typeof metadata.generateName === 'string'
        ? `${metadata.generateName}*`
        : '(unnamed)';
  const labels = stringMap(metadata.labels);
  const annotations = stringMap(metadata.annotations);
  // One literal per shape (see makeObject).
  return typeof metadata.namespace === 'string' && metadata.namespace !== ''
    ? { name, labels, annotations, namespace: metadata.namespace }
    : { name, labels, annotations };
}

/** Labels and annotations as strings; YAML may have read `true` or `8080` as non-strings. */
export function stringMap(value: unknown): Record<string, string> {
  if (!isPlainObject(value)) return newMapping(0) as Record<string, string>;
  // Sized for its keys as the YAML reader sizes mappings (an empty `{}` took 56 bytes, 20k of them for 10k objects).
  const keys = Object.keys(value);
  const out = newMapping(keys.length) as Record<string, string>;
  for (const key of keys) {
    const entry = value[key];
    if (entry === null || entry === undefined) continue;
    out[key] = typeof entry === 'string' ? entry : String(entry);
  }
  return out;
}
