import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { SourceDocument } from '../../load/document.js';
import { parseYamlFile } from '../../load/yaml.js';
import { isJsonObject } from '../../model/json.js';
import type { Location, PathSegment } from '../../model/source.js';
import { reachableKustomizations } from './kustomize.js';

/**
 * The patches of an overlay and of every kustomization it builds on, so a field a patch sets is located in the patch
 * (the file a person edits) rather than at its nearest ancestor in the base. Strategic-merge patches match objects by
 * kind and name and list items by their `name` merge key; JSON 6902 patches by their target and JSON pointer.
 */
export class PatchIndex {
  private readonly patches: Patch[] = [];

  constructor(folder: string, display: (absolute: string) => string) {
    for (const refs of reachableKustomizations(folder)) {
      const next = dirname(refs.file);
      const value = readDocuments(refs.file, display(refs.file))[0]?.value;
      if (!isJsonObject(value)) continue;
      for (const field of ['patches', 'patchesJson6902', 'patchesStrategicMerge'] as const)
        for (const entry of arrayOf(value[field])) {
          const path = typeof entry === 'string' ? entry : isJsonObject(entry) ? entry.path : undefined;
          if (typeof path !== 'string' || path.includes('\n')) continue;
          const target = isJsonObject(entry) && isJsonObject(entry.target) ? entry.target : undefined;
          const absolute = resolve(next, path);
          for (const document of readDocuments(absolute, display(absolute)))
            this.patches.push({
              document,
              ...(target && typeof target.kind === 'string' ? { kind: target.kind } : {}),
              ...(target && typeof target.name === 'string' ? { name: target.name } : {}),
            });
        }
    }
  }

  /** Where a patch sets `path` of the rendered object, the last patch first; undefined when none does. */
  locate(rendered: unknown, path: readonly PathSegment[]): Location | undefined {
    const object = rendered as { kind?: unknown; metadata?: { name?: unknown } };
    const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
    for (const patch of [...this.patches].reverse()) {
      const value = patch.document.value;
      if (Array.isArray(value)) {
        // JSON 6902: its target names the object; each operation a JSON pointer.
        if (patch.kind !== object.kind || patch.name === undefined || !name.includes(patch.name)) continue;
        const pointer = `/${path.map((part) => String(part).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
        const index = value.findIndex(
          (operation) => isJsonObject(operation) && operation.path === pointer && operation.op !== 'remove',
        );
        if (index !== -1) return patch.document.locate([index]);
        continue;
      }
      if (!isJsonObject(value) || !isJsonObject(value.metadata)) continue;
      const kind = patch.kind ?? value.kind;
      const patchName = patch.name ?? value.metadata.name;
      if (kind !== object.kind || typeof patchName !== 'string' || !name.includes(patchName)) continue;
      const inPatch = strategicPath(rendered, value, path);
      if (inPatch) return patch.document.locate(inPatch);
    }
    return undefined;
  }
}

interface Patch {
  document: SourceDocument;
  /** The `target` of the kustomization entry, when it has one. */
  kind?: string;
  name?: string;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function readDocuments(absolute: string, shown: string): SourceDocument[] {
  try {
    return parseYamlFile(shown, readFileSync(absolute, 'utf8')).documents;
  } catch {
    return [];
  }
}

/**
 * The rendered path in a strategic-merge patch: list items are matched by their `name` (the merge key of
 * containers, volumes, env, ports ...); undefined when the patch does not set the field.
 */
function strategicPath(
  rendered: unknown,
  patch: unknown,
  path: readonly PathSegment[],
): PathSegment[] | undefined {
  const out: PathSegment[] = [];
  let fromRendered = rendered;
  let fromPatch = patch;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(fromRendered) || !Array.isArray(fromPatch)) return undefined;
      const item = fromRendered[segment] as { name?: unknown } | undefined;
      const index =
        typeof item?.name === 'string'
          ? fromPatch.findIndex((entry) => isJsonObject(entry) && entry.name === item.name)
          : -1;
      if (index === -1) return undefined;
      out.push(index);
      fromRendered = item;
      fromPatch = fromPatch[index];
    } else {
      if (!isJsonObject(fromPatch) || !Object.hasOwn(fromPatch, segment)) return undefined;
      out.push(segment);
      fromRendered = isJsonObject(fromRendered) ? fromRendered[segment] : undefined;
      fromPatch = fromPatch[segment];
    }
  }
  return out;
}
