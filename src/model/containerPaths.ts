import type { ContainerKind } from './k8s.js';
import type { PathSegment } from './source.js';

/** Containers of one list whose paths are shared (a list longer than this makes the further paths per call). */
const SHARED_PATHS = 64;

/**
 * The paths of containers below a pod spec path, shared by everything read with the same spec path (read only):
 * `['spec', 'template', 'spec', 'containers', 0]` was an array of its own (88 bytes) for each container loaded and
 * each pod judged. Spec paths are made once per workload kind (`workloadPod`) or are module constants, so this holds
 * a few lists of at most `SHARED_PATHS`; weakly, as a spec path made for one object (an operator's pods) must not be
 * kept by it.
 */
const CONTAINER_PATHS = new WeakMap<readonly PathSegment[], Map<ContainerKind, PathSegment[][]>>();

/** `[...specPath, list, index]`, the same array for every call with the same spec path array (do not mutate it). */
export function containerPath(
  specPath: readonly PathSegment[],
  list: ContainerKind,
  index: number,
): readonly PathSegment[] {
  // concat makes an array of the exact length; a spread grows one as `push` does (~2.5× the memory).
  if (index >= SHARED_PATHS) return specPath.concat(list, index);
  let byList = CONTAINER_PATHS.get(specPath);
  if (byList === undefined) {
    byList = new Map();
    CONTAINER_PATHS.set(specPath, byList);
  }
  let paths = byList.get(list);
  if (paths === undefined) {
    paths = [];
    byList.set(list, paths);
  }
  for (let next = paths.length; next <= index; next++) paths.push(specPath.concat(list, next));
  return paths[index]!;
}
