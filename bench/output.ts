/**
 * Streamed output at scale: `scan -o json` and `-o sarif` of 5,000 and 50,000 one-pod files (1× and 10×), each in
 * its own process, with CPU and wall time (the machine is shared: CPU time is the figure), peak RSS and the growth
 * factor from 1× to 10× (linear: about 10). The output
 * files are checked to be valid JSON by a streaming syntax check (they exceed what one JavaScript string may hold),
 * and their findings or results are counted. Run alone: node --import tsx bench/output.ts [--quick]
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./cliChild.ts', import.meta.url));
// The child runs in a temporary folder: tsx is named by its resolved location, not looked up from there.
const TSX = import.meta.resolve('tsx');

/** A pod with the usual gaps (no seccomp, root, a mutable tag): a dozen findings, like a real unhardened pod. */
function podFile(index: number): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: pod-${index}
  namespace: ns-${index % 50}
  labels: { app: app-${index % 500} }
spec:
  containers:
    - name: app
      image: contoso.azurecr.io/app-${index % 500}:1.${index % 7}
      ports: [{ containerPort: 8080 }]
      resources: { limits: { memory: 128Mi } }
`;
}

/** Streaming JSON syntax check: true when the file is one well-formed JSON value. */
export function validJson(file: string): boolean {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  const stack: number[] = []; // 0 object, 1 array
  // States: value expected, after value, in string, escape, in literal/number.
  let state: 'value' | 'after' | 'key' | 'colon' | 'string' | 'escape' | 'word' = 'value';
  let stringIsKey = false;
  let done = false;
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      for (let i = 0; i < read; i++) {
        const c = buffer[i]!;
        if (state === 'string') {
          if (c === 0x5c) state = 'escape';
          else if (c === 0x22) state = stringIsKey ? 'colon' : 'after';
          else if (c < 0x20) return false;
          continue;
        }
        if (state === 'escape') {
          state = 'string';
          continue;
        }
        if (state === 'word') {
          // Letters of true/false/null, digits, '.', '+', '-'.
          if (
            (c >= 0x30 && c <= 0x39) ||
            (c >= 0x61 && c <= 0x7a) ||
            c === 0x2e ||
            c === 0x2b ||
            c === 0x2d ||
            c === 0x45
          )
            continue;
          state = 'after';
        }
        if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
        if (done) return false;
        const ch = String.fromCharCode(c);
        if (state === 'value') {
          if (ch === '{') {
            stack.push(0);
            state = 'key';
          } else if (ch === '[') {
            stack.push(1);
            state = 'value';
          } else if (ch === '"') {
            stringIsKey = false;
            state = 'string';
          } else if (/[-0-9tfn]/.test(ch)) state = 'word';
          else if (ch === ']' && stack[stack.length - 1] === 1) {
            stack.pop();
            state = 'after';
          } else return false;
        } else if (state === 'key') {
          if (ch === '"') {
            stringIsKey = true;
            state = 'string';
          } else if (ch === '}') {
            stack.pop();
            state = 'after';
          } else return false;
        } else if (state === 'colon') {
          if (ch !== ':') return false;
          state = 'value';
        } else if (state === 'after') {
          const top = stack[stack.length - 1];
          if (ch === ',' && top !== undefined) state = top === 0 ? 'key' : 'value';
          else if ((ch === '}' && top === 0) || (ch === ']' && top === 1)) stack.pop();
          else return false;
        }
        if (state === 'after' && stack.length === 0) done = true;
      }
    }
  } finally {
    closeSync(fd);
  }
  return done && stack.length === 0;
}

interface Run {
  files: number;
  format: string;
  wallMs: number;
  cpuMs: number;
  maxRssMiB: number;
  outputMiB: number;
  valid: boolean;
  code: number;
}

function run(directory: string, files: number, format: string): Run {
  const output = join(directory, `out.${format}`);
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ['--import', TSX, CHILD, 'scan', 'pods', '--no-config', '-o', format, '--output-file', output],
    { cwd: directory, encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const wallMs = performance.now() - started;
  const usage = JSON.parse(result.stderr.trim().split('\n').pop() ?? '{}') as {
    maxRssKiB?: number;
    cpuMs?: number;
  };
  const run: Run = {
    files,
    format,
    wallMs,
    cpuMs: usage.cpuMs ?? 0,
    maxRssMiB: (usage.maxRssKiB ?? 0) / 1024,
    outputMiB: statSync(output).size / 2 ** 20,
    valid: validJson(output),
    code: result.status ?? -1,
  };
  rmSync(output, { force: true });
  return run;
}

/** `netpol explain` on 3,000 workloads and 1,500 policies: bounded by --max-pairs (default 10,000). */
function runExplain(quick: boolean): void {
  const workloads = quick ? 300 : 3_000;
  const policies = workloads / 2;
  const directory = mkdtempSync(join(tmpdir(), 'aksguard-bench-explain-'));
  try {
    const docs: string[] = [];
    for (let index = 0; index < workloads; index++) docs.push(podFile(index));
    for (let index = 0; index < policies; index++)
      docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: allow-${index}, namespace: ns-${index % 50} }
spec:
  podSelector: { matchLabels: { app: app-${index % 500} } }
  policyTypes: [Ingress]
  ingress: [{ from: [{ podSelector: { matchLabels: { app: app-${(index + 1) % 500} } } }], ports: [{ port: 8080 }] }]
`);
    writeFileSync(join(directory, 'cluster.yaml'), docs.join('---\n'));
    const started = performance.now();
    const result = spawnSync(
      process.execPath,
      ['--import', TSX, CHILD, 'netpol', 'explain', '-f', 'cluster.yaml'],
      {
        cwd: directory,
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      },
    );
    const wallMs = performance.now() - started;
    const usage = JSON.parse(result.stderr.trim().split('\n').pop() ?? '{}') as {
      maxRssKiB?: number;
      cpuMs?: number;
    };
    const summary = /… (\d+) more pair/.exec(result.stdout)?.[1];
    console.log(
      `netpol explain, ${workloads} workloads and ${policies} policies: CPU ${((usage.cpuMs ?? 0) / 1000).toFixed(1)} s (wall ${(wallMs / 1000).toFixed(1)} s), peak RSS ${((usage.maxRssKiB ?? 0) / 1024).toFixed(0)} MiB, output ${(Buffer.byteLength(result.stdout) / 2 ** 20).toFixed(1)} MiB, ${summary ?? 0} pairs counted beyond the limit, exit ${result.status}`,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export function runOutputBench(quick: boolean): void {
  runExplain(quick);
  const base = quick ? 500 : 5_000;
  console.log(`## output: scan -o json/sarif of ${base} and ${base * 10} one-pod files, streamed`);
  const results: Run[] = [];
  for (const files of [base, base * 10]) {
    const directory = mkdtempSync(join(tmpdir(), 'aksguard-bench-output-'));
    try {
      mkdirSync(join(directory, 'pods'));
      for (let index = 0; index < files; index++)
        writeFileSync(join(directory, 'pods', `pod-${index}.yaml`), podFile(index));
      for (const format of ['json', 'sarif']) {
        const result = run(directory, files, format);
        results.push(result);
        console.log(
          `${files} files -o ${format}: CPU ${(result.cpuMs / 1000).toFixed(1)} s (wall ${(result.wallMs / 1000).toFixed(1)} s), peak RSS ${result.maxRssMiB.toFixed(0)} MiB, output ${result.outputMiB.toFixed(0)} MiB, ${result.valid ? 'valid JSON' : 'INVALID JSON'}, exit ${result.code}`,
        );
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }
  for (const format of ['json', 'sarif']) {
    const [small, large] = results.filter((result) => result.format === format);
    if (!small || !large) continue;
    console.log(
      `growth ${base} → ${base * 10} files (-o ${format}): CPU time ×${(large.cpuMs / small.cpuMs).toFixed(1)}, peak RSS ×${(large.maxRssMiB / small.maxRssMiB).toFixed(1)}, output ×${(large.outputMiB / small.outputMiB).toFixed(1)}`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) runOutputBench(process.argv.includes('--quick'));
