import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../../src/version.js';
import { runCli } from '../support/cli.js';

/**
 * The installed commands (bin/aksguard.js, bin/kubectl-aksguard.js) run the esbuild bundle `npm run build` makes
 * (`npm test` builds first): they must behave as the modules the rest of the suite runs in-process.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
const bundled = existsSync(new URL('../../dist/cli/bundle/main.mjs', import.meta.url));

function bin(name: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [`bin/${name}.js`, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the bundled CLI', { skip: !bundled && 'dist/cli/bundle not built (npm run build)' }, () => {
  it('prints the version', () => {
    assert.deepEqual(bin('aksguard', ['--version']), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('scans the demo byte for byte as the modules do', async () => {
    const args = ['scan', 'examples/aks-store-demo', '--no-config', '-o', 'sarif'];
    const expected = await runCli(args, { cwd: ROOT });
    const actual = bin('aksguard', args);
    assert.equal(actual.code, expected.code);
    assert.equal(actual.stdout, expected.stdout);
  });

  it('reads the rule pages shipped in docs/', () => {
    const page = bin('aksguard', ['rules', 'WL-SEC-automountToken']);
    assert.equal(page.code, 0);
    assert.match(page.stdout, /^# WL-SEC-automountToken: /);
  });

  it('runs as the kubectl plugin', () => {
    const help = bin('kubectl-aksguard', ['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: kubectl aksguard /);
  });
});
