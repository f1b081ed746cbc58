/**
 * `npm run bench [-- NAME...]`: prints the figures of every benchmark (or only the named ones:
 * scan, yaml, pss, rbac, netpol, aks, bicep, render, html, output, live, webhook, webhookPhases, webhookHey, table). Each suite runs in its own process, so time and memory figures
 * (max RSS) are its own. Benchmarks measure; they never fail a build.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SUITES = [
  'scan',
  'yaml',
  'pss',
  'rbac',
  'netpol',
  'aks',
  'bicep',
  'render',
  'html',
  'output',
  'live',
  'webhook',
  // One review inside the webhook, phase by phase, lean and full rule runs (bench/webhookPhases.ts).
  'webhookPhases',
  // The webhook at 1,000 requests/s paced by hey (Debian's; skipped when it is not installed).
  'webhookHey',
  // The issue 16 table (bench/table.ts): every row, min / median of 3 runs, ratios from the same run.
  'table',
];

/** `table:ROW,ROW` runs only those rows of the table (ids in bench/table/rows/). */
const tableRows = process.argv.slice(2).find((name) => name.startsWith('table:'));
const wanted = process.argv
  .slice(2)
  .filter((name) => !name.startsWith('-'))
  .map((name) => (name.startsWith('table:') ? 'table' : name));
const names = wanted.length > 0 ? wanted : SUITES;
console.log(`aksguard benchmarks on ${process.platform}/${process.arch}, Node ${process.version}\n`);
for (const name of names) {
  if (!SUITES.includes(name)) {
    console.error(`unknown benchmark "${name}" (known: ${SUITES.join(', ')})`);
    process.exitCode = 2;
    continue;
  }
  const started = performance.now();
  const script = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const extra = name === 'table' && tableRows ? tableRows.slice('table:'.length).split(',') : [];
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...extra], { stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = result.status ?? 1;
  console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
