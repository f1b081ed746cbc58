import { isUnknown, unknown } from '../../model/aksCluster.js';
import type { PathSegment } from '../../model/source.js';
import type { TerraformScope } from './terraformValues.js';

type Json = Record<string, unknown>;

export interface ExpandedBody {
  body: Json;
  /** Maps a path in the expanded body back to where it is written (`name[0].x` → `dynamic "name" { content { x } }`). */
  written(path: readonly PathSegment[]): PathSegment[];
}

/**
 * Expands the `dynamic` blocks of a resource body as Terraform does (one block per element of `for_each`, the
 * iterator — the block's name unless `iterator` says otherwise — bound to `key` and `value`). A `for_each` that
 * cannot be read statically makes the block's presence unknown: the block becomes an `Unknown` naming the
 * dependency, never absent and never present. Blocks written directly beside a dynamic one of the same name
 * come first, as in Terraform.
 */
export function expandDynamicBlocks(body: Json, scope: TerraformScope): ExpandedBody {
  const raw = body.dynamic;
  if (raw === undefined) return { body, written: (path) => [...path] };
  const declared = (Array.isArray(raw) ? raw : [raw]) as Json[];
  const out: Json = { ...body };
  delete out.dynamic;
  const expandedNames = new Map<string, number>();
  const unknownNames = new Set<string>();
  for (const group of declared) {
    if (typeof group !== 'object' || group === null) continue;
    for (const [name, blocks] of Object.entries(group)) {
      const block = (Array.isArray(blocks) ? blocks[0] : blocks) as Json | undefined;
      if (!block) continue;
      const forEach = scope.evaluate(block.for_each);
      if (isUnknown(forEach)) {
        define(out, name, unknown(`dynamic "${name}" block: ${forEach.reason}`));
        unknownNames.add(name);
        continue;
      }
      const elements: [unknown, unknown][] = Array.isArray(forEach)
        ? forEach.map((value, index) => [index, value])
        : typeof forEach === 'object' && forEach !== null
          ? Object.entries(forEach)
          : [];
      if (elements.length === 0) continue;
      const iterator = typeof block.iterator === 'string' ? block.iterator : name;
      const contentRaw = block.content;
      const content = (Array.isArray(contentRaw) ? contentRaw[0] : contentRaw) as Json | undefined;
      const written = Object.hasOwn(out, name) ? out[name] : undefined;
      const existing = Array.isArray(written) ? (written as unknown[]) : written ? [written] : [];
      expandedNames.set(name, existing.length);
      // Content that does not read the iterator is the same for every element: kept as written, so positions
      // and the origins of its references (a module argument, a tfvars line) stay exact.
      const readsIterator = JSON.stringify(content ?? {}).includes(`${iterator}.`);
      const produced = elements.map(([key, value]) => {
        if (!readsIterator) return content ?? {};
        const bound = scope.withBindings(
          new Map([
            [
              iterator,
              new Map<string, unknown>([
                ['key', key],
                ['value', value],
              ]),
            ],
          ]),
        );
        return bound.evaluate(content ?? {});
      });
      define(out, name, [...existing, ...produced]);
    }
  }
  return {
    body: out,
    written(path) {
      const [name, index, ...rest] = path;
      if (typeof name === 'string' && unknownNames.has(name)) return ['dynamic', name, 0];
      const offset = typeof name === 'string' ? expandedNames.get(name) : undefined;
      if (offset === undefined || (typeof index === 'number' && index < offset)) return [...path];
      return ['dynamic', name as string, 0, 'content', 0, ...rest];
    },
  };
}

/** Sets an input-named property as an own property (`__proto__` included), never through a setter. */
function define(target: Json, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
