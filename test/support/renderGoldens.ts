import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { displayPath } from '../../src/load/files.js';
import { findHelm, findKustomize } from '../../src/sources/render/binaries.js';
import { renderHelmChart } from '../../src/sources/render/helm.js';
import { renderKustomization } from '../../src/sources/render/kustomize.js';
import { defaultRenderSettings, type RenderContext } from '../../src/sources/render/types.js';

/** The repository root: fixture paths are reported relative to it. */
export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURES = join(ROOT, 'test/fixtures/render');
const GOLDEN = join(ROOT, 'test/fixtures/render-golden');

/** Renders whose output is kept in `test/fixtures/render-golden/NAME.yaml`. */
export const GOLDEN_CASES = [
  { name: 'shop-chart', kind: 'helm', folder: 'test/fixtures/render/shop-chart', valueFiles: [] },
  {
    name: 'shop-chart-prod',
    kind: 'helm',
    folder: 'test/fixtures/render/shop-chart',
    valueFiles: ['test/fixtures/render/shop-chart/values-prod.yaml'],
  },
  {
    name: 'app-overlays-prod',
    kind: 'kustomize',
    folder: 'test/fixtures/render/app/overlays/prod',
    valueFiles: [],
  },
] as const;

export type GoldenCase = (typeof GOLDEN_CASES)[number];

export function goldenText(name: string): string {
  return readFileSync(join(GOLDEN, `${name}.yaml`), 'utf8');
}

export function goldenFile(name: string): string {
  return join(GOLDEN, `${name}.yaml`);
}

export function contextAtRoot(env: NodeJS.ProcessEnv = {}): RenderContext {
  return { cwd: ROOT, env, display: (absolute) => displayPath(ROOT, absolute) };
}

/** What the given helm / kubectl render for a case, as the scan renders it (release-name, namespace default). */
export async function renderGolden(
  golden: GoldenCase,
  binaries: { helm: string; kubectl: string },
): Promise<string> {
  const context = contextAtRoot({ PATH: '' });
  const settings = defaultRenderSettings();
  let output: string | undefined;
  const folder = join(ROOT, golden.folder);
  if (golden.kind === 'helm') {
    const result = await renderHelmChart(folder, {
      helm: await findHelm(binaries.helm, ROOT, context.env),
      settings,
      context,
      valueFiles: [...golden.valueFiles],
      onOutput: (text) => {
        output = text;
      },
    });
    if (output === undefined) throw new Error(JSON.stringify(result.coverage.skipped));
  } else {
    const result = await renderKustomization(folder, {
      kustomize: await findKustomize(binaries.kubectl, ROOT, context.env),
      settings,
      context,
      onOutput: (text) => {
        output = text;
      },
    });
    if (output === undefined) throw new Error(JSON.stringify(result.coverage.skipped));
  }
  return output;
}
