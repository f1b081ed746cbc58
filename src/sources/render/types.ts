import type { SourceDocument } from '../../load/document.js';
import type { Coverage } from '../../model/coverage.js';
import type { LoadIssue } from '../../model/inventory.js';
import type { RenderOrigin } from '../../model/source.js';
import type { ProcessLimits } from './exec.js';

/** What one render gives: the documents (each with its origin), problems, and what it read or could not. */
export interface RenderResult {
  documents: SourceDocument[];
  issues: LoadIssue[];
  coverage: Coverage;
}

/** How charts and overlays are rendered (the scan's `--helm-bin`, `--values`, `--set`, ... flags). */
export interface RenderSettings {
  /** `helm` program (path, or a name looked up on PATH); default `helm` on PATH. */
  helmBin?: string;
  /** `kustomize` or `kubectl` program; default `kustomize`, else `kubectl`, on PATH. */
  kustomizeBin?: string;
  /** Values files for every chart rendered (`helm template --values`), in order. */
  values: readonly string[];
  /** `helm template --set k=v`, in order. */
  set: readonly string[];
  /** Release name; default `release-name`, as `helm template` without a name. */
  releaseName?: string;
  /** Release namespace (`helm template --namespace`); the scan's `--namespace`, default `default`. */
  namespace: string;
  /** `helm template --kube-version`: the `--k8s-version` given, else the cluster definition's version. */
  kubeVersion?: string;
  /** Remote Kustomize bases, Helm dependency downloads: refused unless set. */
  allowNetwork: boolean;
  /** `helm template --dependency-update` (requires `allowNetwork`). */
  dependencyUpdate: boolean;
  /** Renderer processes at once. */
  concurrency: number;
  limits?: ProcessLimits;
}

export const DEFAULT_RENDER_CONCURRENCY = 2;
export const DEFAULT_RELEASE_NAME = 'release-name';

export function defaultRenderSettings(namespace = 'default'): RenderSettings {
  return {
    values: [],
    set: [],
    namespace,
    allowNetwork: false,
    dependencyUpdate: false,
    concurrency: DEFAULT_RENDER_CONCURRENCY,
  };
}

/** Where the scan runs and how paths are shown. */
export interface RenderContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Absolute path → the path as reported (relative to the working directory). */
  display(absolute: string): string;
}

export type { RenderOrigin };
