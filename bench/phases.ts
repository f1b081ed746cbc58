/**
 * Where a scan's time goes after loading (issue 16): `node --import tsx bench/phases.ts DIR [--rules N]` loads DIR as
 * `aksguard scan DIR --no-config -o json` does and runs the same steps as `scanInventory` and the JSON reporter one
 * at a time, printing one JSON line: CPU milliseconds per phase (load, rules, fold, waivers, sort, output), garbage
 * collection (count and pause milliseconds, from `PerformanceObserver`), the findings and output size, and the
 * `--rules N` most expensive rules.
 */
import { createHash } from 'node:crypto';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { emptyConfig } from '../src/config/config.js';
import { applyWaivers } from '../src/config/waivers.js';
import { loadInventory } from '../src/load/index.js';
import { renderJson } from '../src/report/json.js';
import type { Report } from '../src/report/report.js';
import { SCHEMA_VERSION } from '../src/report/report.js';
import { writeChunks } from '../src/report/stream.js';
import { defaultSettings } from '../src/rules/defineRule.js';
import { foldFindings } from '../src/rules/fold.js';
import { allRules } from '../src/rules/index.js';
import { runRules } from '../src/rules/runRules.js';
import { sortFindings } from '../src/scan.js';
import { VERSION } from '../src/version.js';

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
let mark = process.cpuUsage();
function phase(name: string): void {
  const now = process.cpuUsage(mark);
  phases[name] = (phases[name] ?? 0) + (now.user + now.system) / 1000;
  ends.push({ name, at: performance.now() });
  mark = process.cpuUsage();
}

const settings = defaultSettings();
const rules = allRules;
const inventory = await loadInventory({
  paths: ['.'],
  cwd: directory,
  defaultNamespace: settings.defaultNamespace,
});
phase('load');

const perRule = new Map<string, number>();
let ruleMark = process.cpuUsage();
let current: string | undefined;
const closeRule = () => {
  const used = process.cpuUsage(ruleMark);
  if (current) perRule.set(current, (used.user + used.system) / 1000);
  ruleMark = process.cpuUsage();
};
const run = runRules(inventory, rules, {
  settings,
  onRule: (rule) => {
    closeRule();
    current = rule.id;
  },
});
closeRule();
phase('rules');
const folded = foldFindings(run.findings);
phase('fold');
const waived = applyWaivers(folded, inventory, emptyConfig(), '2026-01-01');
phase('waivers');
const findings = waived.findings;
sortFindings(findings);
phase('sort');
const summary = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
for (const finding of findings) summary[finding.severity]++;
const report: Report = {
  schemaVersion: SCHEMA_VERSION,
  tool: { name: 'aksguard', version: VERSION },
  summary,
  findings,
  notEvaluated: run.notEvaluated,
  waived: waived.waived,
  waivers: waived.audit,
  errors: [...inventory.issues.filter((issue) => issue.level === 'error'), ...run.failures],
  notes: inventory.issues.filter((issue) => issue.level === 'note'),
  inputs: {
    files: inventory.files.length,
    objects: inventory.objects.length,
    clusters: inventory.clusters.length,
    rules: rules.length,
  },
  coverage: inventory.coverage,
};
let bytes = 0;
const digest = createHash('sha256');
writeChunks(renderJson({ report, rules, color: false, warn: () => {} }), {
  write(text) {
    bytes += text.length;
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
  findings: findings.length,
  outputChars: bytes,
  outputSha256: digest.digest('hex').slice(0, 16),
  cpuMs: Object.fromEntries(Object.entries(phases).map(([name, ms]) => [name, Math.round(ms)])),
  gc: gcByPhase(),
  slowestRules: Object.fromEntries(slowest.map(([id, ms]) => [id, Math.round(ms)])),
};
console.log(JSON.stringify(line));
