import { realpathSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { SkippedInput } from '../../model/coverage.js';
import { KUSTOMIZATION_FILE_NAMES, kustomizationRefs } from './kustomize.js';

/** A folder that is rendered instead of read as loose YAML. */
export interface RenderTarget {
  kind: 'helm' | 'kustomize';
  /** Absolute path of the chart or kustomization folder. */
  folder: string;
}

/** The render target a file given by name stands for (`chart/Chart.yaml`, `overlay/kustomization.yaml`). */
export function targetOfFile(path: string): RenderTarget | undefined {
  const name = basename(path);
  if (name === 'Chart.yaml') return { kind: 'helm', folder: dirname(path) };
  if ((KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(name))
    return { kind: 'kustomize', folder: dirname(path) };
  return undefined;
}

export interface RenderPlan {
  /** Charts, and the kustomizations no other kustomization of the scan builds on (each built once). */
  targets: RenderTarget[];
  /** Files a kustomization reads (resources, patches, generator inputs, the kustomization files themselves): never read raw. */
  consumedFiles: Set<string>;
  skipped: SkippedInput[];
}

/**
 * Decides what is rendered. A kustomization that another one of the scan lists as a base or component is built
 * through that one only, so its objects are not scanned twice; the files any kustomization reads are left out of
 * the raw reading. `display` shows an absolute path as reported.
 */
export function planRenders(
  found: readonly RenderTarget[],
  display: (absolute: string) => string,
): RenderPlan {
  const consumedFiles = new Set<string>();
  const referenced = new Set<string>();
  const components = new Set<string>();
  const visited = new Set<string>();
  const queue = found.filter((target) => target.kind === 'kustomize').map((target) => target.folder);
  while (queue.length > 0 && visited.size < 10_000) {
    const folder = queue.shift()!;
    const real = realOf(folder);
    if (visited.has(real)) continue;
    visited.add(real);
    const refs = kustomizationRefs(folder);
    if (!refs) continue;
    if (refs.kind === 'Component') components.add(real);
    for (const file of refs.files) consumedFiles.add(realOf(file));
    for (const base of refs.folders) {
      referenced.add(realOf(base));
      queue.push(base);
    }
  }
  const targets: RenderTarget[] = [];
  const skipped: SkippedInput[] = [];
  const seen = new Set<string>();
  for (const target of found) {
    const real = realOf(target.folder);
    if (seen.has(`${target.kind}:${real}`)) continue;
    seen.add(`${target.kind}:${real}`);
    if (target.kind === 'kustomize' && referenced.has(real)) continue;
    if (target.kind === 'kustomize' && components.has(real)) {
      skipped.push({
        path: display(target.folder),
        category: 'not-rendered',
        reason:
          'Kustomize Component: built only as part of an overlay that lists it, and no overlay in the scan does',
        significant: false,
      });
      continue;
    }
    targets.push(target);
  }
  return { targets, consumedFiles, skipped };
}

function realOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
