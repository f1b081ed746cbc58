import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUN = `import { main } from './src/cli/main.ts'; process.exitCode = await main(process.argv.slice(1));`;

describe('a reader that closes the pipe early (| head)', () => {
  for (const format of ['json', 'sarif', 'table']) {
    it(`ends quietly with the usual exit code (-o ${format})`, () => {
      // The demo's report is larger than a pipe's buffer, so the writer meets EPIPE.
      const script = `"${process.execPath}" --import tsx --input-type=module -e "$RUN" scan examples/aks-store-demo --no-config -o ${format} | head -c 10 >/dev/null; echo "rc=\${PIPESTATUS[0]}" >&2`;
      const result = spawnSync('bash', ['-c', script], {
        cwd: ROOT,
        env: { ...process.env, RUN },
        encoding: 'utf8',
      });
      assert.equal(result.stderr, 'rc=1\n');
    });
  }
});

describe('standard output into a pipe', () => {
  const scan = ['scan', 'examples/aks-store-demo', '--no-config', '-o', 'json'];

  it('gets the very bytes a file gets', () => {
    const folder = mkdtempSync(join(tmpdir(), 'aksguard-pipe-'));
    try {
      const file = join(folder, 'report.json');
      const toFile = spawnSync(
        'bash',
        [
          '-c',
          `"${process.execPath}" --import tsx --input-type=module -e "$RUN" ${scan.join(' ')} > "${file}"`,
        ],
        {
          cwd: ROOT,
          env: { ...process.env, RUN },
        },
      );
      const toPipe = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', RUN, ...scan],
        {
          cwd: ROOT,
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      assert.equal(toFile.status, 1);
      assert.equal(toPipe.status, 1);
      const written = readFileSync(file);
      assert.ok(written.length > 65_536, 'the report is larger than a pipe buffer');
      assert.ok(written.equals(toPipe.stdout));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  // `2>&1 |`: standard error on the same pipe (one file description for both), whose handle libuv opens
  // non-blocking after standard output's was made blocking; a reader slower than the writer then fills the pipe. Run
  // as installed (the bundle `npm run build` makes, as stdoutFile.test.ts): under tsx standard error is opened first.
  it('shared with standard error, is written whole to a slow reader', () => {
    const command = `"${process.execPath}" bin/aksguard.js ${scan.join(' ')}`;
    const shared = spawnSync(
      'bash',
      ['-c', `${command} 2>&1 | (sleep 1; wc -c); echo "rc=\${PIPESTATUS[0]}"`],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    const alone = spawnSync('bash', ['-c', `${command} 2>/dev/null | wc -c`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.ok(Number(alone.stdout) > 65_536, 'the report is larger than a pipe buffer');
    assert.equal(shared.stdout, `${alone.stdout}rc=1\n`);
  });

  // A pipe a scan writes into is blocking, so what the reader has not taken yet waits in the pipe, not in memory.
  // Node makes a pipe on standard output non-blocking (the control); the CLI's standard output makes it blocking.
  it('is written blocking (O_NONBLOCK cleared)', {
    skip: process.platform !== 'linux' && 'reads /proc',
  }, () => {
    const flagsOf = (setUp: string) => {
      const script = `${setUp}
const { readFileSync } = await import('node:fs');
const flags = /^flags:\\s+(\\d+)$/m.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'))[1];
process.stderr.write(String(Number.parseInt(flags, 8) & 0o4000));`;
      return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: ROOT,
        encoding: 'utf8',
      }).stderr;
    };
    assert.equal(flagsOf('process.stdout;'), String(0o4000));
    assert.equal(flagsOf(`const { processIo } = await import('./src/cli/main.ts'); processIo();`), '0');
  });
});
