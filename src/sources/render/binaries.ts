import { accessSync, constants, statSync } from 'node:fs';
import { basename, delimiter, isAbsolute, join, resolve } from 'node:path';
import { type RunResult, runProgram } from './exec.js';

/** The program that renders, with its version (found once per scan). */
export interface Renderer {
  path: string;
  version: string;
}

export interface KustomizeRenderer extends Renderer {
  /** `kubectl kustomize DIR` or `kustomize build DIR`. */
  mode: 'kubectl' | 'kustomize';
}

/** A renderer, or why there is none (for the coverage entry: "helm not found"). */
export type Found<T> = { renderer: T } | { missing: string };

/** The first executable file called `name` on PATH (as a shell would find it), or undefined. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const path = env.PATH ?? env.Path ?? '';
  const extensions = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const directory of path.split(delimiter)) {
    if (directory === '') continue;
    for (const extension of extensions) {
      const candidate = join(directory, name + extension);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `--helm-bin` / `--kustomize-bin` given relative to the working directory, or a bare name looked up on PATH. */
function resolveGiven(given: string, cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  if (!given.includes('/') && !given.includes('\\')) return findOnPath(given, env);
  const path = isAbsolute(given) ? given : resolve(cwd, given);
  return isExecutableFile(path) ? path : undefined;
}

/**
 * Helm 3 or 4: `helm version --template {{.Version}}` prints `v3.18.4` / `v4.1.4`. Helm 2 has no `--template`
 * and talks to Tiller; it is refused.
 */
export async function findHelm(
  given: string | undefined,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<Found<Renderer>> {
  const path = given !== undefined ? resolveGiven(given, cwd, env) : findOnPath('helm', env);
  if (!path)
    return { missing: given !== undefined ? `--helm-bin ${given}: no such program` : 'helm not found' };
  const result = await runProgram(path, ['version', '--template', '{{.Version}}'], { cwd, env });
  const version = result.ok ? /^v(\d+)\.\d+\.\d+\S*/.exec(result.stdout.trim()) : null;
  if (!version) return { missing: `${path} is not a working helm (${describe(result)})` };
  if (Number(version[1]) < 3) return { missing: `helm ${version[0]} is not supported (Helm 3 or 4 is)` };
  return { renderer: { path, version: version[0] } };
}

/**
 * `kustomize build` (standalone, usually the newer) or `kubectl kustomize` (kubectl 1.14+ embeds kustomize).
 * A `--kustomize-bin` whose name starts with `kubectl` is used as kubectl.
 */
export async function findKustomize(
  given: string | undefined,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<Found<KustomizeRenderer>> {
  let path: string | undefined;
  let mode: KustomizeRenderer['mode'] = 'kustomize';
  if (given !== undefined) {
    path = resolveGiven(given, cwd, env);
    if (!path) return { missing: `--kustomize-bin ${given}: no such program` };
    if (basename(path).startsWith('kubectl')) mode = 'kubectl';
  } else {
    path = findOnPath('kustomize', env);
    if (!path) {
      path = findOnPath('kubectl', env);
      mode = 'kubectl';
    }
  }
  if (!path) return { missing: 'kubectl and kustomize not found' };
  if (mode === 'kubectl') {
    // `Kustomize Version: v5.6.0` since kubectl 1.24; older ones print none but have `kubectl kustomize`.
    const result = await runProgram(path, ['version', '--client'], { cwd, env });
    if (!result.ok) return { missing: `${path} is not a working kubectl (${describe(result)})` };
    const version = /Kustomize Version: (v[\d.]+)/.exec(result.stdout)?.[1] ?? 'unknown';
    return { renderer: { path, version, mode } };
  }
  const result = await runProgram(path, ['version'], { cwd, env });
  // v5 prints `v5.6.0`; v4 prints `{Version:kustomize/v4.5.7 GitCommit:...}`.
  const version = result.ok ? /v\d+\.\d+\.\d+/.exec(result.stdout)?.[0] : undefined;
  if (!version) return { missing: `${path} is not a working kustomize (${describe(result)})` };
  return { renderer: { path, version, mode } };
}

/** Whether the kustomize version writes `config.kubernetes.io/origin` (`buildMetadata`, kustomize v4.5.0, Feb 2022). */
export function supportsOriginAnnotations(version: string): boolean {
  const match = /^v(\d+)\.(\d+)/.exec(version);
  if (!match) return false;
  const major = Number(match[1]);
  return major > 4 || (major === 4 && Number(match[2]) >= 5);
}

function describe(result: RunResult): string {
  return result.ok ? 'unexpected version output' : result.reason;
}
