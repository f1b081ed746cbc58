import { type Found, findHelm, findKustomize, type KustomizeRenderer, type Renderer } from './binaries.js';
import { mapConcurrent } from './exec.js';
import type { RenderRequest } from './gitops.js';
import { renderHelmChart } from './helm.js';
import { renderKustomization } from './kustomize.js';
import type { RenderContext, RenderResult, RenderSettings } from './types.js';

export type { RenderRequest } from './gitops.js';
export type { RenderTarget } from './plan.js';
export type { RenderContext, RenderResult, RenderSettings } from './types.js';
export { defaultRenderSettings } from './types.js';

/**
 * Renders every request, at most `settings.concurrency` renderer processes at once, results in request order.
 * The programs are looked up once, and only when a request needs them. A chart found in the walk gets the scan's
 * `--values`/`--set`; one a GitOps object deploys gets that object's values instead.
 */
export async function renderAll(
  requests: readonly RenderRequest[],
  settings: RenderSettings,
  context: RenderContext,
): Promise<RenderResult[]> {
  if (requests.length === 0) return [];
  let helm: Promise<Found<Renderer>> | undefined;
  let kustomize: Promise<Found<KustomizeRenderer>> | undefined;
  if (requests.some((request) => request.target.kind === 'helm'))
    helm = findHelm(settings.helmBin, context.cwd, context.env);
  if (requests.some((request) => request.target.kind === 'kustomize'))
    kustomize = findKustomize(settings.kustomizeBin, context.cwd, context.env);
  return mapConcurrent(requests, settings.concurrency, async (request) => {
    if (request.target.kind === 'helm') {
      const own = request.helm;
      return renderHelmChart(request.target.folder, {
        helm: await helm!,
        settings,
        context,
        valueFiles: own ? (own.valueFiles ?? []) : settings.values,
        set: own ? (own.set ?? []) : settings.set,
        ...(own?.inlineValues ? { inlineValues: own.inlineValues } : {}),
        ...(own?.releaseName !== undefined ? { releaseName: own.releaseName } : {}),
        ...(own?.namespace !== undefined ? { namespace: own.namespace } : {}),
        ...(request.via ? { via: request.via } : {}),
      });
    }
    return renderKustomization(request.target.folder, {
      kustomize: await kustomize!,
      settings,
      context,
      ...(request.kustomize?.extras ? { extras: request.kustomize.extras } : {}),
      ...(request.kustomize?.defaultNamespace !== undefined
        ? { defaultNamespace: request.kustomize.defaultNamespace }
        : {}),
      ...(request.via ? { via: request.via } : {}),
    });
  });
}
