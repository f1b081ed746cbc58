import { containerPath } from '../../model/containerPaths.js';
import type { PathSegment } from '../../model/source.js';
import type { ContainerList, ContainerView, JsonMap, PodView } from './types.js';

/** The value when it is a plain mapping, else undefined (absent and ill-typed fields read as unset). */
export function record(value: unknown): JsonMap | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonMap)
    : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

const CONTAINER_LISTS: readonly ContainerList[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** Where a pod's containers are: its `spec` (a constant, so their paths are shared: model/containerPaths.ts). */
const POD_SPEC_PATH: readonly PathSegment[] = ['spec'];

export interface PodLike {
  metadata?: unknown;
  spec?: unknown;
}

export function podView(pod: PodLike): PodView {
  const spec = record(pod.spec) ?? {};
  const annotations: Record<string, string> = {};
  const rawAnnotations = record(record(pod.metadata)?.annotations);
  if (rawAnnotations)
    for (const key of Object.keys(rawAnnotations)) annotations[key] = text(rawAnnotations[key]);
  const containers: ContainerView[] = [];
  for (const listName of CONTAINER_LISTS) {
    const items = list(spec[listName]);
    for (let index = 0; index < items.length; index++) {
      const raw = record(items[index]);
      if (!raw) continue;
      containers.push({
        name: text(raw.name),
        list: listName,
        index,
        path: containerPath(POD_SPEC_PATH, listName, index),
        securityContext: record(raw.securityContext),
        raw,
      });
    }
  }
  return { annotations, spec, securityContext: record(spec.securityContext), containers };
}

/** Upstream `pluralize`. */
export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** Upstream `joinQuote`: `"a", "b"`. */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

/** Sorted distinct values, like `sets.String.List()` (byte order). */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `spec.os.name == windows`: the Windows exemption of some restricted checks from v1.25. */
export function isWindowsPod(pod: PodView): boolean {
  return record(pod.spec.os)?.name === 'windows';
}

/** Upstream `relaxPolicyForUserNamespacePod`: `spec.hostUsers` explicitly false. */
export function usesUserNamespace(pod: PodView): boolean {
  return pod.spec.hostUsers === false;
}

/** "containers "a", "b"" as written by upstream details. */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}
