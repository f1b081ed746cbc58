/**
 * Where `netpol list` holds memory: the command's phases run in one process (load, engine built, listing written
 * to a sink), with the heap and RSS at each phase end and the peak RSS so far. For profiling, not for the table:
 * `node --import tsx --expose-gc bench/netpol/phases.ts DIR [--snapshot PHASE]`.
 */
import { writeHeapSnapshot } from 'node:v8';
import { analyzeInventory } from '../../src/engines/netpol/index.js';
import { connectionListChunks } from '../../src/engines/netpol/listStream.js';
import { releasePositions } from '../../src/load/document.js';
import { loadSources } from '../../src/load/index.js';
import { NETWORK } from '../../src/rules/inputs.js';
import { filesSource } from '../../src/sources/files.js';

const [directory, ...rest] = process.argv.slice(2);
if (!directory) throw new Error('usage: phases.ts DIR [--snapshot PHASE]');
const snapshotAt = rest[0] === '--snapshot' ? rest[1] : undefined;
const gc = (globalThis as { gc?: () => void }).gc;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
let started = performance.now();
let cpuStarted = process.cpuUsage();

function phase(name: string): void {
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const before = process.memoryUsage();
  gc?.();
  const after = process.memoryUsage();
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(
    `${name.padEnd(10)} ${(elapsed / 1000).toFixed(1).padStart(5)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1).padStart(5)} s CPU  heap ${mib(before.heapUsed)} → ${mib(after.heapUsed)} after gc, rss ${mib(before.rss)}, external ${mib(after.external + after.arrayBuffers)}, peak rss ${mib(peak)}`,
  );
  if (snapshotAt === name) console.log(`snapshot ${writeHeapSnapshot()}`);
  started = performance.now();
  cpuStarted = process.cpuUsage();
}

const inventory = await loadSources([filesSource({ paths: [directory], cwd: process.cwd() })], {
  defaultNamespace: 'default',
  inputs: NETWORK,
});
phase('loaded');
const analysis = analyzeInventory(inventory, { engine: 'auto', defaultNamespace: 'default' });
releasePositions(inventory.objects);
phase('engine');
let characters = 0;
for (const chunk of connectionListChunks(analysis, 'txt', { merge: analysis.engine !== 'netpol-analyzer' }))
  characters += chunk.length;
phase('listed');
console.log(
  `${inventory.objects.length} objects, ${analysis.workloads.length} workloads, ${characters} characters`,
);
