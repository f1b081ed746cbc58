import { lazyRequire } from '../lazyRequire.js';
import { isJsonObject } from '../model/json.js';
import type { K8sObject } from '../model/k8s.js';
import type { Location, PathSegment } from '../model/source.js';
import { formatPath } from '../model/source.js';
import { HelmRenderedDocument } from '../sources/render/helm.js';
import { KustomizeRenderedDocument } from '../sources/render/kustomize.js';

const yaml = lazyRequire<typeof import('yaml')>('yaml');

type Json = Record<string, unknown>;

/**
 * A fix of a rendered object, written where a person makes it: for a chart, entries of `values.yaml` (when the
 * template takes the field from a value) or the template lines to edit; for an overlay, a strategic-merge patch to
 * list in its kustomization. Never an edit of rendered output.
 */
export type RenderedFix =
  | { kind: 'helm-values'; chart: string; values: string; templateEdits: TemplateEdit[] }
  | { kind: 'kustomize-patch'; overlay: string; patch: string };

export interface TemplateEdit {
  location: Location;
  /** The rendered field, `spec.template.spec.containers[0].securityContext.privileged`. */
  path: string;
  value: unknown;
}

/** The fix of `owner` for a strategic-merge patch of it, when the owner was rendered; undefined otherwise. */
export function renderedFix(owner: K8sObject, patch: Json): RenderedFix | undefined {
  const document = owner.document;
  if (document instanceof HelmRenderedDocument && document.origin.chart !== undefined) {
    const values: Json = {};
    const templateEdits: TemplateEdit[] = [];
    for (const leaf of leavesOf(patch, owner.raw, [])) {
      const traced = document.traceField([...owner.basePath, ...leaf.path]);
      if (traced.valuePath !== undefined && !traced.valuePath.includes('['))
        setPath(values, traced.valuePath.split('.'), leaf.value);
      else
        templateEdits.push({
          location: { file: document.file, line: traced.line, column: traced.column },
          path: formatPath(leaf.path),
          value: leaf.value,
        });
    }
    return {
      kind: 'helm-values',
      chart: document.origin.chart,
      values: Object.keys(values).length > 0 ? yaml().stringify(values) : '',
      templateEdits,
    };
  }
  if (document instanceof KustomizeRenderedDocument && document.origin.overlay !== undefined) {
    // Patches of an overlay name the object as its bases do (the overlay's own namePrefix comes after them).
    const name = document.originalName() ?? owner.metadata.name;
    const body = {
      apiVersion: owner.apiVersion,
      kind: owner.kind,
      metadata: { name },
      ...withoutMetadataName(patch),
    };
    return { kind: 'kustomize-patch', overlay: document.origin.overlay, patch: yaml().stringify(body) };
  }
  return undefined;
}

function withoutMetadataName(patch: Json): Json {
  const copy: Json = { ...patch };
  if (isJsonObject(copy.metadata)) {
    const metadata: Json = { ...copy.metadata };
    delete metadata.name;
    if (Object.keys(metadata).length > 0) copy.metadata = metadata;
    else delete copy.metadata;
  }
  return copy;
}

/** The fields a strategic-merge patch sets, as paths of the rendered object (list items found by `name`). */
function leavesOf(
  patch: unknown,
  rendered: unknown,
  path: PathSegment[],
): { path: PathSegment[]; value: unknown }[] {
  if (Array.isArray(patch)) {
    const out: { path: PathSegment[]; value: unknown }[] = [];
    for (const item of patch) {
      const name = isJsonObject(item) ? item.name : undefined;
      const index = Array.isArray(rendered)
        ? rendered.findIndex((entry) => isJsonObject(entry) && entry.name === name)
        : -1;
      if (index === -1 || !isJsonObject(item)) {
        out.push({ path, value: patch });
        return out;
      }
      const { name: _name, ...rest } = item;
      out.push(...leavesOf(rest, (rendered as unknown[])[index], [...path, index]));
    }
    return out;
  }
  if (isJsonObject(patch)) {
    const out: { path: PathSegment[]; value: unknown }[] = [];
    for (const [key, value] of Object.entries(patch))
      out.push(...leavesOf(value, isJsonObject(rendered) ? rendered[key] : undefined, [...path, key]));
    return out;
  }
  return [{ path, value: patch }];
}

/** Sets a dotted values path; the keys come from templates, so no prototype is ever reached (`__proto__`). */
function setPath(root: Json, path: readonly string[], value: unknown): void {
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (!Object.hasOwn(node, key) || !isJsonObject(node[key]))
      Object.defineProperty(node, key, { value: {}, enumerable: true, writable: true, configurable: true });
    node = node[key] as Json;
  }
  Object.defineProperty(node, path[path.length - 1]!, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
