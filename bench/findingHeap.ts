/**
 * Retained heap per finding: `node --expose-gc --import tsx bench/findingHeap.ts DIR` loads the inventory of DIR, runs
 * every rule on it, and prints one JSON line {findings, heapBytes, perFindingBytes}: what the findings keep alive
 * after the rules' engines are gone (the inventory is kept alive and not counted). A large scan holds every finding
 * until the report is written, so each byte here is copied by the young-generation collector while the rules run.
 */
import { loadInventory } from '../src/load/index.js';
import { defaultSettings } from '../src/rules/defineRule.js';
import { allRules } from '../src/rules/index.js';
import { runRules } from '../src/rules/runRules.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const directory = process.argv[2];
if (!directory) throw new Error('usage: findingHeap.ts DIR');
const settings = defaultSettings();
const inventory = await loadInventory({
  paths: ['.'],
  cwd: directory,
  defaultNamespace: settings.defaultNamespace,
});
gc();
const before = process.memoryUsage().heapUsed;
const { findings } = runRules(inventory, allRules, { settings });
gc();
const heapBytes = process.memoryUsage().heapUsed - before;
console.log(
  JSON.stringify({
    findings: findings.length,
    heapBytes,
    perFindingBytes: Math.round(heapBytes / Math.max(1, findings.length)),
  }),
);
