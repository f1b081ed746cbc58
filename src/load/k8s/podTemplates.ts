import type { ContainerKind, ContainerRef, K8sObject, PodTemplate } from '../../model/k8s.js';
import type { PathSegment } from '../../model/source.js';
import { workloadPod } from '../../model/workloadKinds.js';
import { isPlainObject } from './objects.js';

const CONTAINER_KINDS: readonly ContainerKind[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** Containers of one list whose paths are shared (a list longer than this makes the further paths per template). */
const SHARED_PATHS = 64;

/**
 * The paths of containers, shared by every template with the same spec path (read only, as `ContainerRef.path` is):
 * `['spec', 'template', 'spec', 'containers', 0]` was an array of its own (88 bytes) for each container loaded.
 * Spec paths are made once per workload kind (`workloadPod`), so this holds a few lists of at most `SHARED_PATHS`;
 * weakly, as a spec path made for one object (an operator's pods) must not be kept by it.
 */
const CONTAINER_PATHS = new WeakMap<readonly PathSegment[], Map<ContainerKind, PathSegment[][]>>();

function containerPath(specPath: readonly PathSegment[], kind: ContainerKind, index: number): PathSegment[] {
  // concat makes an array of the exact length; a spread grows one as `push` does (~2.5× the memory).
  if (index >= SHARED_PATHS) return specPath.concat(kind, index);
  let byKind = CONTAINER_PATHS.get(specPath);
  if (byKind === undefined) {
    byKind = new Map();
    CONTAINER_PATHS.set(specPath, byKind);
  }
  let paths = byKind.get(kind);
  if (paths === undefined) {
    paths = [];
    byKind.set(kind, paths);
  }
  for (let next = paths.length; next <= index; next++) paths.push(specPath.concat(kind, next));
  return paths[index]!;
}

/**
 * The pod spec of a Pod, or the pod template of a workload controller or of a well-known CRD whose operator makes
 * pods (model/workloadKinds.ts); undefined for other kinds.
 */
export function podTemplateOf(object: K8sObject): PodTemplate | undefined {
  const pod = workloadPod(object.raw, object.kind, object.group);
  if (!pod) return undefined;
  const { spec, specPath } = pod;
  const containers: ContainerRef[] = [];
  for (const kind of CONTAINER_KINDS) {
    const list = spec[kind];
    if (!Array.isArray(list)) continue;
    for (let index = 0; index < list.length; index++) {
      const container: unknown = list[index];
      if (!isPlainObject(container)) continue;
      // A container an operator generates is located at the object's pod fields (its `spec`).
      const path =
        kind === 'containers' && pod.containerPaths
          ? (pod.containerPaths[index] ?? specPath)
          : containerPath(specPath, kind, index);
      containers.push({
        container,
        name: typeof container.name === 'string' ? container.name : `${kind}[${index}]`,
        kind,
        index,
        path,
      });
    }
  }
  return {
    owner: object,
    specPath,
    metadataPath: pod.metadataPath,
    spec,
    metadata: { labels: pod.labels, annotations: pod.annotations },
    containers,
  };
}
