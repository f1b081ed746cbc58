/**
 * Start-up rows: `aksguard --version` and a one-file scan, wall time, beside `node -e 0` on the same machine; with
 * the CPU time of each (user + system, all threads), which a loaded machine inflates less than wall time.
 */
import { fileURLToPath } from 'node:url';
import { alternate, minMedian, type ProcessRun, ratio, runNode, stats } from '../measure.js';
import type { Row, TableContext } from './row.js';

const CLI = fileURLToPath(new URL('../../../bin/aksguard.js', import.meta.url));
const ONE_FILE = 'examples/aks-store-demo/aks-store-all-in-one.yaml';

function startup(context: TableContext, label: string, args: readonly string[]): string {
  const runs: Record<'node' | 'aksguard', ProcessRun[]> = { node: [], aksguard: [] };
  alternate(Math.max(5, context.runs), {
    node: () => runs.node.push(runNode('-e', ['0'])),
    aksguard: () => runs.aksguard.push(runNode(CLI, args)),
  });
  const failed = runs.aksguard.find((run) => run.status !== 0);
  if (failed) throw new Error(`aksguard ${args.join(' ')} exited with ${failed.status}`);
  const wall = (of: readonly ProcessRun[]) => stats(of.map((run) => run.wallMs));
  const cpu = (of: readonly ProcessRun[]) => stats(of.map((run) => run.cpuMs));
  const [nodeWall, ourWall] = [wall(runs.node), wall(runs.aksguard)];
  const [nodeCpu, ourCpu] = [cpu(runs.node), cpu(runs.aksguard)];
  return (
    `${label} **${minMedian(ourWall)}**, \`node -e 0\` ${minMedian(nodeWall)} (${ratio(ourWall.median, nodeWall.median)}); ` +
    `CPU ${minMedian(ourCpu)}, \`node -e 0\` ${minMedian(nodeCpu)} (${ratio(ourCpu.median, nodeCpu.median)})`
  );
}

export const startupRows: readonly Row[] = [
  {
    id: 'version',
    work: '`aksguard --version`, wall (and CPU)',
    goal: '≤ 0.15 s',
    measure: (context) => startup(context, '--version', ['--version']),
  },
  {
    id: 'onefile',
    work: 'one-file scan (aks-store-all-in-one.yaml), wall (and CPU)',
    goal: '≤ 0.2 s',
    measure: (context) =>
      startup(context, 'scan', ['scan', ONE_FILE, '--no-config', '-o', 'json', '--fail-on', 'none']),
  },
];
