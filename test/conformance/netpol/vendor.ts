/**
 * Regenerates `data/connlist.json.gz` from netpol-analyzer's corpus (`../shared/corpora/netpol`, or the
 * path given as the first argument): every scenario whose manifests use only NetworkPolicy and core
 * workload kinds, with its manifests and its expected connection list, and every diff golden between
 * two such scenarios. Run by hand; the tests read
 * only the generated file.
 *
 *   node --import tsx test/conformance/netpol/vendor.ts [CORPUS_DIR]
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseManifests } from '../../../src/engines/netpol/manifests.js';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = process.argv[2] ?? join(here, '../../../../shared/corpora/netpol');

/** Kinds the engine does not model (multi-network and KubeVirt). */
export const OUT_OF_SCOPE =
  /^(UserDefinedNetwork|ClusterUserDefinedNetwork|NetworkAttachmentDefinition|MultiNetworkPolicy|VirtualMachine|VirtualMachineInstance)$/;

/** Ingress/Route objects: netpol-analyzer's virtual `{ingress-controller}` source. */
export const INGRESS_KINDS = /^(Ingress|Route)$/;

/** AdminNetworkPolicy tiers: in scope, counted apart from the core NetworkPolicy scenarios. */
export const ADMIN_KINDS = /^(AdminNetworkPolicy|BaselineAdminNetworkPolicy)$/;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else if (/\.(ya?ml|json)$/.test(entry)) out.push(path);
  }
  return out;
}

interface Scenario {
  files: Record<string, string>;
  /** Uses AdminNetworkPolicy/BaselineAdminNetworkPolicy. */
  admin?: boolean;
  /** Uses Ingress or Route objects. */
  ingress?: boolean;
  /** The golden connection list, when netpol-analyzer has one for this scenario. */
  expected?: string[];
}

interface DiffCase {
  older: string;
  newer: string;
  expected: string[];
}

const exists = (name: string): boolean => {
  try {
    return statSync(join(corpus, 'tests', name)).isDirectory();
  } catch {
    return false;
  }
};

/** The scenario's manifests, or the out-of-scope kinds it uses. */
function readScenario(name: string): {
  files: Record<string, string>;
  outOfScope: string[];
  admin: boolean;
  ingress: boolean;
} {
  const dir = join(corpus, 'tests', name);
  const files: Record<string, string> = {};
  const kinds = new Set<string>();
  for (const path of walk(dir)) {
    const text = readFileSync(path, 'utf8');
    files[relative(dir, path)] = text;
    for (const object of parseManifests(text)) kinds.add(String(object.raw.kind));
  }
  return {
    files,
    outOfScope: [...kinds].filter((kind) => OUT_OF_SCOPE.test(kind)).sort(),
    admin: [...kinds].some((kind) => ADMIN_KINDS.test(kind)),
    ingress: [...kinds].some((kind) => INGRESS_KINDS.test(kind)),
  };
}

const lines = (path: string): string[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const scenarios: Record<string, Scenario> = {};
const skipped: Record<string, string[]> = {};
for (const file of readdirSync(join(corpus, 'expected/connlist')).sort()) {
  if (!file.endsWith('_connlist_output.txt') || file.includes('_focus_workload')) continue;
  const name = file.slice(0, -'_connlist_output.txt'.length);
  // Outputs of other modes (e.g. focus-conn suffixes) have no scenario folder of that name.
  if (!exists(name)) continue;
  const { files, outOfScope, admin, ingress } = readScenario(name);
  if (outOfScope.length > 0) {
    skipped[name] = outOfScope;
    continue;
  }
  scenarios[name] = {
    files,
    expected: lines(join(corpus, 'expected/connlist', file)),
    ...(admin ? { admin } : {}),
    ...(ingress ? { ingress } : {}),
  };
}

// Diff goldens: `diff_between_<new>_and_<old>.txt`; the split point is where both names are scenarios.
const diffs: DiffCase[] = [];
for (const file of readdirSync(join(corpus, 'expected/diff')).sort()) {
  if (!file.startsWith('diff_between_') || !file.endsWith('.txt')) continue;
  const body = file.slice('diff_between_'.length, -'.txt'.length);
  let pair: [string, string] | undefined;
  for (let at = body.indexOf('_and_'); at >= 0 && !pair; at = body.indexOf('_and_', at + 1)) {
    const newer = body.slice(0, at);
    const older = body.slice(at + '_and_'.length);
    if (exists(newer) && exists(older)) pair = [newer, older];
  }
  if (!pair) continue;
  const [newer, older] = pair;
  const both = [readScenario(newer), readScenario(older)];
  const outOfScope = [...new Set(both.flatMap((s) => s.outOfScope))];
  if (outOfScope.length > 0) {
    skipped[`diff ${newer} vs ${older}`] = outOfScope.sort();
    continue;
  }
  for (const [name, scenario] of [
    [newer, both[0]!],
    [older, both[1]!],
  ] as const) {
    scenarios[name] ??= {
      files: scenario.files,
      ...(scenario.admin ? { admin: true } : {}),
      ...(scenario.ingress ? { ingress: true } : {}),
    };
  }
  diffs.push({ older, newer, expected: lines(join(corpus, 'expected/diff', file)) });
}

writeFileSync(
  join(here, 'data/connlist.json.gz'),
  gzipSync(`${JSON.stringify({ scenarios, diffs, skipped })}\n`, { level: 9 }),
);
const withList = Object.values(scenarios).filter((s) => s.expected);
console.log(
  `${withList.length} connlist scenarios (${withList.filter((s) => s.admin).length} with admin tiers, ${withList.filter((s) => s.ingress).length} with Ingress/Route), ${diffs.length} diffs vendored, ${Object.keys(skipped).length} out of scope`,
);
