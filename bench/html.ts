/**
 * HTML report benchmark: time to compute the graphs and render the page, and the file size, for the embedded
 * demo, for a scan cut to 5,000 findings, and for the connectivity graph of a 600-namespace cluster
 * (research/netpol.md §6.1 shape). Run alone: `node --import tsx bench/html.ts`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyzeNetpol } from '../src/engines/netpol/analyze.js';
import { connectionLines, mergeAdjacentExternals } from '../src/engines/netpol/format.js';
import type { Inventory } from '../src/model/inventory.js';
import { SEVERITIES } from '../src/model/severity.js';
import { connectivityView } from '../src/report/html/connectivity.js';
import { buildReportExtras } from '../src/report/html/extras.js';
import { renderHtmlReport } from '../src/report/html/report.js';
import { netpolListHtml } from '../src/report/html/views.js';
import type { Report } from '../src/report/report.js';
import type { ScanSettings } from '../src/rules/defineRule.js';
import { allRules } from '../src/rules/index.js';
import { scan } from '../src/scan.js';
import { generateCluster, REAL_CLUSTER } from './netpol/generate.js';
import { appFile } from './scan.js';

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(2)} MiB`;
}

function size(chunks: Iterable<string>): number {
  let bytes = 0;
  for (const chunk of chunks) bytes += Buffer.byteLength(chunk);
  return bytes;
}

async function scanWithInventory(
  paths: string[],
  cwd: string,
): Promise<{ report: Report; inventory: Inventory; settings: ScanSettings }> {
  let loaded: { inventory: Inventory; settings: ScanSettings } | undefined;
  const report = await scan({
    paths,
    cwd,
    config: false,
    onInventory: (inventory, settings) => {
      loaded = { inventory, settings };
    },
  });
  return { report, ...loaded! };
}

function renderReport(
  label: string,
  scanned: { report: Report; inventory: Inventory; settings: ScanSettings },
): void {
  const started = performance.now();
  const extras = buildReportExtras(scanned.inventory, scanned.settings, scanned.report);
  const graphs = performance.now();
  const bytes = size(
    renderHtmlReport({ report: scanned.report, rules: allRules, color: false, warn: () => {}, extras }),
  );
  const done = performance.now();
  console.log(
    `html ${label}: ${scanned.report.findings.length} findings, ${scanned.inventory.objects.length} objects → ${mib(bytes)} in ${(done - started).toFixed(0)} ms (graphs ${(graphs - started).toFixed(0)} ms, page ${(done - graphs).toFixed(0)} ms)`,
  );
}

export async function runHtmlBench(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  renderReport('demo (examples/aks-store-demo)', await scanWithInventory(['examples/aks-store-demo'], root));

  const directory = mkdtempSync(join(tmpdir(), 'aksguard-bench-html-'));
  try {
    mkdirSync(join(directory, 'apps'));
    for (let index = 0; index < 250; index++)
      writeFileSync(join(directory, 'apps', `app-${index}.yaml`), appFile(index, 10));
    const scanned = await scanWithInventory(['.'], directory);
    const findings = scanned.report.findings.slice(0, 5000);
    const summary = Object.fromEntries(
      SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length]),
    );
    renderReport('5,000 findings', {
      ...scanned,
      report: { ...scanned.report, findings, summary: summary as Report['summary'] },
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }

  const { objects } = generateCluster(REAL_CLUSTER);
  const started = performance.now();
  const analysis = analyzeNetpol(objects, { engine: 'azure' });
  const analysed = performance.now();
  const view = connectivityView(analysis);
  const graphed = performance.now();
  const lines = connectionLines(mergeAdjacentExternals(analysis.connections()));
  const listed = performance.now();
  const bytes = size(netpolListHtml(view, lines));
  const done = performance.now();
  console.log(
    `html netpol list, 600 namespaces: ${view.workloads} workloads, ${view.connections} connections → overview ${view.overview.nodes.length} nodes / ${view.overview.edges.length} edges${view.overview.truncated ? ` (truncated: ${view.overview.truncated.nodes} nodes, ${view.overview.truncated.edges} edges not drawn)` : ''}, ${view.drillDowns.length} drill-downs → ${mib(bytes)} in ${(done - analysed).toFixed(0)} ms (engine ${(analysed - started).toFixed(0)} ms not counted; aggregation ${(graphed - analysed).toFixed(0)} ms, connection table ${(listed - graphed).toFixed(0)} ms, layout and page ${(done - listed).toFixed(0)} ms)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runHtmlBench();
