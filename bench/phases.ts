/**
 * Where a scan's time goes after loading (issue 16): `node --import tsx bench/phases.ts DIR [--rules N]` loads DIR as
 * `aksguard scan DIR --no-config -o json` does, runs `scanInventory` and the JSON reporter, and prints one JSON line:
 * CPU milliseconds per phase (load, rules, fold, waivers, sort, output), the garbage collections of each phase (pause
 * milliseconds, minor and major counts, from `PerformanceObserver`), the findings and output size, and the `--rules N`
 * most expensive rules.
 */
import { createHash } from 'node:crypto';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { emptyConfig } from '../src/config/config.js';
import { loadInventory } from '../src/load/index.js';
import { renderJson } from '../src/report/json.js';
import { writeChunks } from '../src/report/stream.js';
import { defaultSettings } from '../src/rules/defineRule.js';
import { allRules } from '../src/rules/index.js';
import { scanInventory } from '../src/scan.js';
import { cpuNow } from './table/measure.js';

/** The line printed (`bench/table/rows/phases.ts` reads it). */
export interface PhaseTimings {
  objects: number;
  findings: number;
  outputChars: number;
  outputSha256: string;
  /** CPU milliseconds (all threads: compilation and GC helpers included) of load, rules, fold, waivers, sort, output. */
  cpuMs: Record<string, number>;
  gc: Record<string, { ms: number; minor: number; major: number }>;
  slowestRules: Record<string, number>;
}

const directory = process.argv[2];
if (!directory) throw new Error('usage: phases.ts DIR [--rules N]');
const topRules = Number(process.argv[process.argv.indexOf('--rules') + 1] ?? 0) || 0;

/** Garbage collections: start (ms since the process began), pause length, and whether it was a full (major) one. */
const collections: { start: number; ms: number; major: boolean }[] = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
    collections.push({
      start: entry.startTime,
      ms: entry.duration,
      major: kind === constants.NODE_PERFORMANCE_GC_MAJOR,
    });
  }
});
observer.observe({ entryTypes: ['gc'] });

const phases: Record<string, number> = {};
/** Where each phase ended (performance.now()), to charge each collection to the phase it paused. */
const ends: { name: string; at: number }[] = [];
let mark = cpuNow();
function phase(name: string): void {
  const now = cpuNow();
  phases[name] = now - mark;
  ends.push({ name, at: performance.now() });
  mark = now;
}

const settings = defaultSettings();
const inventory = await loadInventory({
  paths: ['.'],
  cwd: directory,
  defaultNamespace: settings.defaultNamespace,
});
phase('load');

// Each rule's CPU, from the progress line that names the next rule (`rule 3/157 WL-SEC-privileged`).
const perRule = new Map<string, number>();
let current: { id: string; from: number } | undefined;
const closeRule = () => {
  if (current) perRule.set(current.id, cpuNow() - current.from);
  current = undefined;
};
const report = scanInventory(
  inventory,
  {
    paths: ['.'],
    cwd: directory,
    onProgress: (stage) => {
      if (!stage.startsWith('rule ')) return;
      closeRule();
      current = { id: stage.slice(stage.lastIndexOf(' ') + 1), from: cpuNow() };
    },
    onPhase: (name) => {
      if (name === 'rules') closeRule();
      phase(name);
    },
  },
  emptyConfig(),
  settings,
);

let chars = 0;
const digest = createHash('sha256');
writeChunks(renderJson({ report, rules: allRules, color: false, warn: () => {} }), {
  write(text) {
    chars += text.length;
    digest.update(text);
  },
});
phase('output');
// Pending GC entries are delivered asynchronously.
await new Promise((done) => setTimeout(done, 10));
observer.disconnect();

/** Collections during each phase: pause milliseconds and counts. */
function gcByPhase(): Record<string, { ms: number; minor: number; major: number }> {
  const byPhase: Record<string, { ms: number; minor: number; major: number }> = {};
  let from = 0;
  for (const { name, at } of ends) {
    const during = collections.filter((gc) => gc.start >= from && gc.start < at);
    const major = during.filter((gc) => gc.major).length;
    byPhase[name] = {
      ms: Math.round(during.reduce((sum, gc) => sum + gc.ms, 0)),
      minor: during.length - major,
      major,
    };
    from = at;
  }
  return byPhase;
}
const slowest = [...perRule].sort((a, b) => b[1] - a[1]).slice(0, topRules);
const line: PhaseTimings = {
  objects: inventory.objects.length,
  findings: report.findings.length,
  outputChars: chars,
  outputSha256: digest.digest('hex').slice(0, 16),
  cpuMs: Object.fromEntries(Object.entries(phases).map(([name, ms]) => [name, Math.round(ms)])),
  gc: gcByPhase(),
  slowestRules: Object.fromEntries(slowest.map(([id, ms]) => [id, Math.round(ms)])),
};
console.log(JSON.stringify(line));
