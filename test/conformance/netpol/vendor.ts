/**
 * Regenerates `data/connlist.json.gz` from netpol-analyzer's corpus (`../shared/corpora/netpol`, or the
 * path given as the first argument): every scenario whose manifests use only NetworkPolicy and core
 * workload kinds, with its manifests and its expected connection list. Run by hand; the tests read
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

/** Kinds beyond Kubernetes NetworkPolicy and core workloads (ANP/BANP, multi-network, KubeVirt, ingress objects). */
export const OUT_OF_SCOPE =
  /^(AdminNetworkPolicy|BaselineAdminNetworkPolicy|UserDefinedNetwork|ClusterUserDefinedNetwork|NetworkAttachmentDefinition|MultiNetworkPolicy|VirtualMachine|VirtualMachineInstance|Route|Ingress)$/;

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
  expected: string[];
}

const scenarios: Record<string, Scenario> = {};
const skipped: Record<string, string[]> = {};
for (const file of readdirSync(join(corpus, 'expected/connlist')).sort()) {
  if (!file.endsWith('_connlist_output.txt') || file.includes('_focus_workload')) continue;
  const name = file.slice(0, -'_connlist_output.txt'.length);
  const dir = join(corpus, 'tests', name);
  try {
    if (!statSync(dir).isDirectory()) continue;
  } catch {
    continue; // outputs of other modes (e.g. focus-conn suffixes) have no scenario folder of that name
  }
  const files: Record<string, string> = {};
  const kinds = new Set<string>();
  for (const path of walk(dir)) {
    const text = readFileSync(path, 'utf8');
    files[relative(dir, path)] = text;
    for (const object of parseManifests(text)) kinds.add(String(object.raw.kind));
  }
  const outOfScope = [...kinds].filter((kind) => OUT_OF_SCOPE.test(kind));
  if (outOfScope.length > 0) {
    skipped[name] = outOfScope.sort();
    continue;
  }
  const expected = readFileSync(join(corpus, 'expected/connlist', file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  scenarios[name] = { files, expected };
}
writeFileSync(
  join(here, 'data/connlist.json.gz'),
  gzipSync(`${JSON.stringify({ scenarios, skipped })}\n`, { level: 9 }),
);
console.log(
  `${Object.keys(scenarios).length} scenarios vendored, ${Object.keys(skipped).length} out of scope`,
);
