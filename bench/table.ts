/**
 * The issue 16 table (`npm run bench table`): every row measured in this run, each value as min / median of
 * AKSGUARD_BENCH_RUNS runs (default 3), ratios of medians computed here (runs of the things compared alternate).
 * The CLI is timed as users run it (`bin/aksguard.js`); `dist/` is rebuilt first when older than `src/`.
 * Rows live in bench/table/rows/*.ts, one module per subject; a row module added here is one more line in ROWS.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './table/measure.js';
import { otherRows } from './table/rows/others.js';
import { parseRows } from './table/rows/parse.js';
import { phaseRows } from './table/rows/phases.js';
import type { Row, TableContext } from './table/rows/row.js';
import { startupRows } from './table/rows/startup.js';

const ROWS: readonly Row[] = [...parseRows, ...phaseRows, ...startupRows, ...otherRows];

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function ensureBuilt(): void {
  let built = 0;
  try {
    built = newestMtime(join(ROOT, 'dist'));
  } catch {
    built = 0;
  }
  if (built >= newestMtime(join(ROOT, 'src'))) return;
  console.log('(dist/ older than src/: npm run build)');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

export async function runTable(only: readonly string[] = []): Promise<void> {
  ensureBuilt();
  const runs = Math.max(3, Number(process.env.AKSGUARD_BENCH_RUNS ?? 3) || 3);
  const scratch = mkdtempSync(join(tmpdir(), 'aksguard-table-'));
  const context: TableContext = { runs, scratch, fixtures: new Map() };
  const load = execFileSync('uptime', { encoding: 'utf8' }).trim();
  console.log(`## issue 16 table: min / median of ${runs} runs, ratios of medians in this run`);
  console.log(`load at start: ${load}\n`);
  console.log('| work | measured | goal |');
  console.log('|---|---|---|');
  try {
    for (const row of ROWS) {
      if (only.length > 0 && !only.includes(row.id)) continue;
      let measured: string;
      try {
        measured = await row.measure(context);
      } catch (error) {
        measured = `not measured: ${error instanceof Error ? error.message : String(error)}`;
      }
      console.log(`| ${row.work} | ${measured} | ${row.goal} |`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`\nload at end: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await runTable(process.argv.slice(2));
