/**
 * In-process phase timings of the RBAC-heavy scan (issue 16): load, RBAC engine build, the shared RBAC indexes, each
 * rule, fold + waivers + sort, JSON serialisation. CPU time of the process (all threads, so garbage collection is
 * counted in the phase that caused it), and the findings each rule reports. Runs `src/` through tsx (the CLI runs
 * the bundle of the same code). On a folder written by `bench/fixtures.ts` (`rbac`):
 * `node --import tsx bench/rbac/phases.ts DIR [--json]` (`--json`: the timings and their `groups`, see summarise).
 */
import { pathToFileURL } from 'node:url';
import { jsonChunks } from '../../src/report/stream.js';
import { defineRule, type Rule } from '../../src/rules/defineRule.js';
import { allRules } from '../../src/rules/index.js';
import { RBAC } from '../../src/rules/inputs.js';
import { rbacEngineOf, requestIndexOf, reviewedBindings } from '../../src/rules/rbac/support.js';
import { scan } from '../../src/scan.js';
import { cpuNow } from '../table/measure.js';

export interface Phase {
  name: string;
  cpuMs: number;
  /** Findings the rule reported (after folding, plus those folded into others), for rule phases. */
  findings?: number;
}

export interface PhaseTimings {
  objects: number;
  findings: number;
  phases: Phase[];
}

/**
 * Rules that only build what the RBAC rules share (memoised per scan), run first so the build is a phase of its own
 * instead of part of the first RBAC rule. They report nothing.
 */
const SHARED_BUILDS: readonly Rule[] = [
  defineRule({
    id: 'PHASE-rbacEngine',
    title: 'RBAC engine build',
    description: 'bench only',
    severity: 'info',
    family: 'rbac',
    inputs: RBAC,
    check: (ctx) => void rbacEngineOf(ctx),
  }),
  defineRule({
    id: 'PHASE-rbacIndexes',
    title: 'reviewed bindings and request index',
    description: 'bench only',
    severity: 'info',
    family: 'rbac',
    inputs: RBAC,
    check(ctx) {
      reviewedBindings(ctx);
      requestIndexOf(ctx);
    },
  }),
];

/** One scan of `directory` (no configuration, JSON), its phases in order. */
export async function rbacScanPhases(directory: string): Promise<PhaseTimings> {
  const phases: Phase[] = [];
  let mark = cpuNow();
  let current = 'load';
  let objects = 0;
  const close = (next: string) => {
    const now = cpuNow();
    phases.push({ name: current, cpuMs: now - mark });
    mark = now;
    current = next;
  };
  const report = await scan({
    paths: ['.'],
    cwd: directory,
    config: false,
    rules: [...SHARED_BUILDS, ...allRules],
    onInventory: (inventory) => {
      objects = inventory.objects.length;
    },
    onProgress: (stage) => {
      const rule = /^rule \d+\/\d+ (\S+)$/.exec(stage);
      if (rule) close(rule[1]!);
      else if (stage.startsWith('checking ')) close('before rules');
    },
  });
  // The last rule's phase lasts until scan() returns: fold, waivers and sort run after it.
  close('serialise JSON');
  let characters = 0;
  for (const chunk of jsonChunks(report)) characters += chunk.length;
  close('');
  if (characters === 0) throw new Error('empty report');
  const counts = new Map<string, number>();
  for (const finding of report.findings) {
    counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
    const implied = (finding.evidence as { implies?: { ruleId: string }[] } | undefined)?.implies;
    for (const entry of implied ?? []) counts.set(entry.ruleId, (counts.get(entry.ruleId) ?? 0) + 1);
  }
  for (const phase of phases) {
    const findings = counts.get(phase.name);
    if (findings !== undefined) phase.findings = findings;
  }
  return { objects, findings: report.findings.length, phases };
}

/** Phase groups of the table: load, engine, indexes, RBAC rules, other rules, after rules, serialise. */
export function summarise(timings: PhaseTimings): Map<string, number> {
  const rbacIds = new Set(allRules.filter((rule) => rule.family === 'rbac').map((rule) => rule.id));
  const lastRule = timings.phases[timings.phases.length - 2]?.name;
  const out = new Map<string, number>();
  const add = (group: string, ms: number) => out.set(group, (out.get(group) ?? 0) + ms);
  for (const phase of timings.phases) {
    if (phase.name === 'load' || phase.name === 'before rules') add('load', phase.cpuMs);
    else if (phase.name === 'PHASE-rbacEngine') add('RBAC engine', phase.cpuMs);
    else if (phase.name === 'PHASE-rbacIndexes') add('RBAC indexes', phase.cpuMs);
    else if (phase.name === 'serialise JSON') add('serialise JSON', phase.cpuMs);
    // The last rule (a cross rule, nothing found here) carries fold, waivers and sort.
    else if (phase.name === lastRule) add('last rule + fold, waivers, sort', phase.cpuMs);
    else add(rbacIds.has(phase.name) ? 'RBAC rules' : 'other rules', phase.cpuMs);
  }
  return out;
}

/** The phases as lines: the rules under 1 % of the total folded into one line. */
export function formatPhases(timings: PhaseTimings): string[] {
  const total = timings.phases.reduce((sum, phase) => sum + phase.cpuMs, 0);
  const lines = [
    `${timings.objects} objects, ${timings.findings} findings; ${total.toFixed(0)} ms CPU in process (modules loaded before)`,
  ];
  for (const [group, ms] of summarise(timings))
    lines.push(`  ${group.padEnd(40)} ${ms.toFixed(0).padStart(7)} ms`);
  lines.push('  rules taking ≥ 1 % of the total:');
  const lastRule = timings.phases[timings.phases.length - 2]?.name;
  for (const phase of timings.phases) {
    if (phase.findings === undefined || phase.name === lastRule || phase.cpuMs < total / 100) continue;
    lines.push(
      `    ${phase.name.padEnd(38)} ${phase.cpuMs.toFixed(0).padStart(7)} ms  ${phase.findings} findings`,
    );
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [directory, flag] = process.argv.slice(2);
  if (!directory) throw new Error('usage: bench/rbac/phases.ts DIR [--json]');
  const timings = await rbacScanPhases(directory);
  process.stdout.write(
    flag === '--json'
      ? `${JSON.stringify({ ...timings, groups: [...summarise(timings)] })}\n`
      : `${formatPhases(timings).join('\n')}\n`,
  );
}
