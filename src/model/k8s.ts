import type { SourceDocument } from '../load/document.js';
import type { SecretValueClass } from './credentials.js';
import type { ResourceRef } from './finding.js';
import type { JsonObject } from './json.js';
import type { Location, PathSegment } from './source.js';

export type { JsonObject };

/** The label the API server puts on every Namespace (since 1.21), which NetworkPolicy namespaceSelectors rely on. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface ObjectMeta {
  name: string;
  /** As written in the manifest; absent when the manifest relies on `kubectl -n`. */
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** A Kubernetes object as loaded from a manifest, remembering where each of its fields is written. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  /** `apps`, `rbac.authorization.k8s.io`, or `''` for the core group. */
  group: string;
  metadata: ObjectMeta;
  /** Effective namespace for namespaced kinds (manifest value, else the scan's default namespace); undefined for cluster-scoped kinds. */
  namespace?: string;
  /** The object as plain data. Secret values are already redacted. */
  raw: JsonObject;
  /** The document the object came from, and the path of the object inside it (`[]`, or `['items', 3]` in a List). */
  document: SourceDocument;
  basePath: readonly PathSegment[];
  /** Location of the object itself. */
  location: Location;
  /** Other places the identical object is declared (kept once; see `load/duplicates.ts`). */
  duplicates?: Location[];
  /** For a Secret: what each committed value holds (credential, placeholder, other), classified before redaction. */
  secretValues?: SecretValueClass[];
}

export function locateIn(object: K8sObject, path: readonly PathSegment[]): Location {
  const base = object.basePath;
  // Most objects are a whole document (`basePath` empty): no copy of the path per finding.
  if (base.length === 0) return object.document.locate(path);
  return object.document.locate(path.length === 0 ? base : [...base, ...path]);
}

export function refOf(object: K8sObject): ResourceRef {
  const ref: ResourceRef = { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name };
  if (object.namespace !== undefined) ref.namespace = object.namespace;
  return ref;
}

export type ContainerKind = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerRef {
  container: JsonObject;
  name: string;
  kind: ContainerKind;
  index: number;
  /** Path of the container inside its owning object. */
  path: readonly PathSegment[];
}

/** A Pod, or the pod template of a workload controller, with the paths to reach it inside its object. */
export interface PodTemplate {
  owner: K8sObject;
  /** Path of the pod spec inside the owner (`['spec']` for a Pod, `['spec','template','spec']` for a Deployment). */
  specPath: readonly PathSegment[];
  metadataPath: readonly PathSegment[];
  spec: JsonObject;
  metadata: { labels: Record<string, string>; annotations: Record<string, string> };
  containers: ContainerRef[];
}

export interface NamespaceInfo {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The Namespace object, when it is among the inputs; otherwise the namespace was synthesised from references. */
  object?: K8sObject;
}
