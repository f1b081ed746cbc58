/**
 * Bicep benchmark: parse + judge time for a 1,100-line cluster file modelled on mspnp/aks-baseline's
 * cluster-stamp.bicep (`bench/bicep/clusterStamp.ts`): the tree-sitter parse alone, and parse + evaluation + every
 * AKS and cross rule. The grammar's one-time load is measured apart. Run alone: node --import tsx bench/bicep.ts
 */
import { pathToFileURL } from 'node:url';
import { bicepParser, parseBicep } from '../src/load/aks/bicep/syntax.js';
import { clusterInventory, loadClustersFrom } from '../src/load/aks/testSupport.js';
import { aksRules } from '../src/rules/aks/index.js';
import { crossRules } from '../src/rules/cross/index.js';
import { defaultSettings } from '../src/rules/defineRule.js';
import { runRules } from '../src/rules/runRules.js';
import { clusterStampBicep } from './bicep/clusterStamp.js';

const rules = [...aksRules, ...crossRules];

async function judge(text: string): Promise<number> {
  const loaded = await loadClustersFrom({ 'cluster-stamp.bicep': text });
  if (loaded.issues.some((issue) => issue.level === 'error'))
    throw new Error('the benchmark file has errors');
  const inventory = clusterInventory(loaded.clusters, ['cluster-stamp.bicep']);
  return runRules(inventory, rules, { settings: defaultSettings() }).findings.length;
}

async function measure(label: string, run: () => Promise<number>, iterations: number): Promise<void> {
  await run();
  const times: number[] = [];
  let result = 0;
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    result = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const p95 = times[Math.floor(times.length * 0.95)]!;
  console.log(`${label.padEnd(48)} median ${median.toFixed(2)} ms   p95 ${p95.toFixed(2)} ms   ${result}`);
}

export async function runBicepBench(): Promise<void> {
  const text = clusterStampBicep();
  const lines = text.split('\n').length - 1;
  let started = performance.now();
  await bicepParser();
  console.log(
    `${'grammar load (once per process)'.padEnd(48)} ${(performance.now() - started).toFixed(2)} ms`,
  );
  started = performance.now();
  await judge(text);
  console.log(`${'first parse + judge (cold)'.padEnd(48)} ${(performance.now() - started).toFixed(2)} ms`);
  await measure(
    `parse, ${lines}-line cluster-stamp.bicep (nodes)`,
    async () => {
      const parsed = await parseBicep(text, false);
      return parsed.root.children.length;
    },
    50,
  );
  await measure(`parse + judge, ${lines}-line file (findings)`, () => judge(text), 50);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runBicepBench();
