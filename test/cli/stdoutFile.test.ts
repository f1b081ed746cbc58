import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCAN = 'scan examples/aks-store-demo --no-config -o json --fail-on none';

/** The installed command (the bundle `npm run build` makes, as bundle.test.ts) under bash, its output redirected. */
function run(redirect: string) {
  const script = `"${process.execPath}" bin/aksguard.js ${SCAN} ${redirect}; echo "rc=$?" >&2`;
  return spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8' });
}

describe('standard output redirected to a file (written with writeSync, not through the stream)', () => {
  it('holds the same bytes as standard output on a pipe', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'aksguard-stdout-'));
    try {
      const file = join(scratch, 'report.json');
      const toFile = run(`> "${file}"`);
      const toPipe = run('| cat');
      assert.equal(toFile.stderr, 'rc=0\n');
      assert.equal(toPipe.stderr, 'rc=0\n');
      const written = readFileSync(file, 'utf8');
      // The demo's report spans several 64 KiB blocks (writeChunks), so order and joins are exercised.
      assert.ok(written.length > 64 * 1024, `report of ${written.length} characters`);
      assert.equal(written, toPipe.stdout);
      assert.equal((JSON.parse(written) as { schemaVersion: number }).schemaVersion, 1);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  // /dev/full (Linux): every write fails with ENOSPC.
  const full = (() => {
    try {
      return statSync('/dev/full').isCharacterDevice();
    } catch {
      return false;
    }
  })();
  it('a full device is an error naming standard output, exit 2, no stack trace', { skip: !full }, () => {
    const result = run('> /dev/full');
    assert.equal(result.stderr, 'aksguard: standard output: cannot write: ENOSPC\nrc=2\n');
  });
});
