/**
 * The HTML views of `netpol list`, `netpol list --compare-engines`, `netpol diff` and `rbac paths`: the same page
 * as the scan report, with the command's own content.
 */
import type { RbacEngine } from '../../engines/rbac/engine.js';
import type { EscalationPath } from '../../engines/rbac/escalation.js';
import type { RbacOrigin } from '../../engines/rbac/fromInventory.js';
import { VERSION } from '../../version.js';
import type { ConnectivityView } from './connectivity.js';
import type { DiffView } from './diffGraph.js';
import { describeNodeId, pathGraph } from './escalation.js';
import { escapeHtml, escapeText } from './escape.js';
import { figure, page } from './page.js';
import { connectivityHtml } from './report.js';

const t = escapeText;
/** Rows of a connection table shown in the page; the text formats list all of them. */
const MAX_ROWS = 2000;

export interface ConnectionRow {
  src: string;
  dst: string;
  conn: string;
}

function rowsTable(headers: readonly string[], rows: readonly (readonly string[])[], more: string): string {
  const shown = rows.slice(0, MAX_ROWS);
  return (
    `<table><thead><tr>${headers.map((h) => `<th>${t(h)}</th>`).join('')}</tr></thead><tbody>${shown
      .map(
        (row) =>
          `<tr>${row.map((cell, i) => `<td${i >= 2 ? ' class="mono"' : ''}>${t(cell)}</td>`).join('')}</tr>`,
      )
      .join('')}</tbody></table>` +
    (rows.length > MAX_ROWS
      ? `<p class="banner" role="note">truncated: ${rows.length - MAX_ROWS} more rows (${t(more)})</p>`
      : '')
  );
}

/** `netpol list -o html`: the connectivity graph, its drill-downs and the connection list. */
export function* netpolListHtml(
  view: ConnectivityView,
  connections: readonly ConnectionRow[],
): Generator<string> {
  yield* page(
    {
      title: 'aksguard netpol list',
      subtitle: `aksguard ${VERSION} · engine ${view.engine} · ${view.namespaces} namespaces, ${view.workloads} workloads`,
      toc: [
        ['connectivity', 'Connectivity'],
        ['connections', 'Connections'],
      ],
    },
    [
      `<section id="connectivity"><h2>Connectivity: who can talk to whom</h2>${connectivityHtml(view, undefined)}</section>\n`,
      `<section id="connections"><h2>Connections (${connections.length})</h2>${rowsTable(
        ['Source', 'Destination', 'Allowed'],
        connections.map((c) => [c.src, c.dst, c.conn]),
        'see -o txt',
      )}</section>\n`,
    ],
  );
}

/** `netpol diff -o html` and `netpol list --compare-engines -o html`: the coloured graph and the table. */
export function* netpolDiffHtml(command: string, view: DiffView): Generator<string> {
  const legend =
    view.columns.length === 2 && view.columns[0] === 'before'
      ? '<p class="legend"><span class="l-added">━ added</span><span class="l-removed">╍ removed</span><span class="l-changed">━ changed</span></p>'
      : '<p class="legend"><span class="l-changed">━ verdicts differ between the engines</span></p>';
  yield* page(
    {
      title: `aksguard ${command}`,
      subtitle: `aksguard ${VERSION} · ${view.rows.length} differences`,
      toc: [],
    },
    [
      `<section id="differences"><h2>${t(view.title)} (${view.rows.length})</h2>`,
      view.rows.length === 0
        ? '<p>No difference.</p>'
        : `${legend}${figure(view.graph)}${rowsTable(
            [
              'Source',
              'Destination',
              ...(view.rows.some((row) => row.change && row.change !== 'changed') ? ['Change'] : []),
              ...view.columns,
            ],
            view.rows.map((row) => [
              row.source,
              row.destination,
              ...(view.rows.some((r) => r.change && r.change !== 'changed') ? [row.change ?? ''] : []),
              ...row.values,
            ]),
            'see -o txt',
          )}`,
      '</section>\n',
    ],
  );
}

/** `rbac paths -o html`: one diagram per path, with each step's permission and the binding that grants it. */
export function* rbacPathsHtml(
  engine: RbacEngine<RbacOrigin>,
  paths: readonly EscalationPath[],
  display: (id: string) => string,
): Generator<string> {
  const body: string[] = [`<section id="paths"><h2>Escalation paths (${paths.length})</h2>`];
  if (paths.length === 0) body.push('<p>No escalation path found.</p>');
  paths.forEach((path, index) => {
    const subject = describeNodeId(display(path.start));
    body.push(
      `<h3 id="path-${index}">${t(subject)} → ${t(path.goal)} <span class="muted">(${path.steps.length} step${path.steps.length === 1 ? '' : 's'})</span></h3>`,
      figure(pathGraph(`rbac-path-${index}`, engine, subject, path, 'subject'), {
        chain: true,
        table: false,
      }),
      `<ol>${path.steps.map((step) => `<li><code>${escapeHtml(step.primitive)}</code> ${t(step.description)} → ${t(step.to === 'goal' ? path.goal : describeNodeId(display(step.to)))}</li>`).join('')}</ol>`,
    );
  });
  body.push('</section>\n');
  yield* page(
    {
      title: 'aksguard rbac paths',
      subtitle: `aksguard ${VERSION} · ${paths.length} path${paths.length === 1 ? '' : 's'}`,
      toc: [],
    },
    body,
  );
}
