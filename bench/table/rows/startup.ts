/** Start-up rows: `aksguard --version` and a one-file scan, wall time, beside `node -e 0` on the same machine. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { alternate, minMedian, ROOT, ratio, stats } from '../measure.js';
import type { Row, TableContext } from './row.js';

const CLI = fileURLToPath(new URL('../../../bin/aksguard.js', import.meta.url));
const ONE_FILE = 'examples/aks-store-demo/aks-store-all-in-one.yaml';

function wall(args: readonly string[]): number {
  const started = performance.now();
  spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  return performance.now() - started;
}

function startup(context: TableContext, label: string, args: readonly string[]): string {
  const values = alternate(Math.max(5, context.runs), {
    node: () => wall(['-e', '0']),
    aksguard: () => wall([CLI, ...args]),
  });
  const node = stats(values.node);
  const aksguard = stats(values.aksguard);
  return `${label} **${minMedian(aksguard)}**, \`node -e 0\` ${minMedian(node)} (${ratio(aksguard.median, node.median)})`;
}

export const startupRows: readonly Row[] = [
  {
    id: 'version',
    work: '`aksguard --version`, wall',
    goal: '≤ 0.15 s',
    measure: (context) => startup(context, '--version', ['--version']),
  },
  {
    id: 'onefile',
    work: 'one-file scan (aks-store-all-in-one.yaml), wall',
    goal: '≤ 0.2 s',
    measure: (context) =>
      startup(context, 'scan', ['scan', ONE_FILE, '--no-config', '-o', 'json', '--fail-on', 'none']),
  },
];
