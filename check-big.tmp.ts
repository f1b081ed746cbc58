import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { main } from './src/cli/main.ts';

const golden = JSON.parse(readFileSync('/tmp/golden/index.json', 'utf8'));
const names = process.argv.slice(2);
for (const name of names) {
  const [base, f] = name.split('.');
  let args: string[];
  if (base.startsWith('shared_'))
    args = ['scan', `../shared/corpora/${base.slice(7)}`, '--no-config', '-o', f];
  else if (base === 'demo-netpol-list') args = ['netpol', 'list', '-f', 'examples/aks-store-demo', '-o', f];
  else if (base === 'demo-netpol-explain') args = ['netpol', 'explain', '-f', 'examples/aks-store-demo'];
  else args = ['netpol', 'gaps', '-f', 'examples/aks-store-demo'];
  const hash = createHash('sha256');
  let bytes = 0;
  const io = {
    out: (t: string) => {
      const n = t.split(process.cwd()).join('<CWD>');
      hash.update(n);
      bytes += Buffer.byteLength(n);
    },
    err: () => {},
    readStdin: async () => '',
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    cwd: process.cwd(),
    exitCode: 0,
  };
  const code = await main(args, { io });
  const sha = hash.digest('hex');
  console.log(
    name,
    sha === golden[name].sha256 && code === golden[name].code
      ? 'SAME'
      : `DIFF ${code} ${bytes} vs ${golden[name].bytes}`,
  );
}
