import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { VERSION } from '../../src/version.js';
import { runCli } from '../support/cli.js';

/**
 * The installed commands (bin/aksguard.js, bin/kubectl-aksguard.js) run the esbuild bundle `npm run build` makes
 * (`npm test` builds first): they must behave as the modules the rest of the suite runs in-process.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
const BUNDLE = join(ROOT, 'dist/cli/bundle/main.cjs');
const bundled = existsSync(BUNDLE);

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
    assert.deepEqual(bin('aksguard', ['-V']), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
    assert.deepEqual(bin('kubectl-aksguard', ['--version']), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('does not load child_process for a one-file scan (commander and the renderer require it on first use)', () => {
    const args = ['scan', 'examples/aks-store-demo/aks-store-all-in-one.yaml', '--no-config', '-o', 'json'];
    const script = `process.argv = [process.argv[0], 'aksguard', ...${JSON.stringify(args)}];
require('./bin/cliBundle.js').runCli().then(() => process.stderr.write(JSON.stringify(process.moduleLoadList)));`;
    const result = spawnSync(process.execPath, ['--input-type=commonjs', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const loaded = JSON.parse(result.stderr) as string[];
    assert.ok(loaded.includes('NativeModule vm'), 'the bundle ran');
    assert.deepEqual(
      loaded.filter((name) => /\b(child_process|dgram)\b/.test(name)),
      [],
    );
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

  it('starts the YAML pool worker built beside it (a dead worker would only make the pool fall back)', async () => {
    const worker = new Worker(join(ROOT, 'dist/cli/bundle/yamlWorker.mjs'));
    try {
      const answer = new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      worker.postMessage({
        files: [{ index: 0, file: 'a.yaml', text: 'kind: ConfigMap\nmetadata:\n  name: x\n' }],
      });
      const [result] = (await answer) as { index: number; read: { documents: { value: unknown }[] } }[];
      assert.equal(result?.index, 0);
      assert.deepEqual(
        result?.read.documents.map((document) => document.value),
        [{ kind: 'ConfigMap', metadata: { name: 'x' } }],
      );
    } finally {
      await worker.terminate();
    }
  });

  it('runs as the kubectl plugin', () => {
    const help = bin('kubectl-aksguard', ['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: kubectl aksguard /);
  });
});

/** The one-file scan the build makes the code cache with. */
const { CACHE_TRAINING_SCAN: ONE_FILE_SCAN } = createRequire(import.meta.url)('../../bin/cliBundle.js') as {
  CACHE_TRAINING_SCAN: string[];
};

/**
 * What bin/cliBundle.js made of the V8 code cache beside a copy of the bundle (`accepted`, `rejected` by V8, or
 * `absent`: none made for this bundle), and the one-file scan's exit code and output with it. The copy sits in dist/
 * so the bundle finds the package as it does in place.
 */
function withCache(bundle: string, cache: Buffer | 'folder' | undefined): { cache: string; stdout: string } {
  const folder = mkdtempSync(join(ROOT, 'dist/cli/bundle-test-'));
  try {
    writeFileSync(join(folder, 'main.cjs'), bundle);
    if (cache === 'folder') mkdirSync(join(folder, 'main.cjs.v8cache'));
    else if (cache) writeFileSync(join(folder, 'main.cjs.v8cache'), cache);
    const script = `import { compileBundle } from './bin/cliBundle.js';
const { main, cache } = compileBundle(${JSON.stringify(join(folder, 'main.cjs'))});
process.stderr.write(cache + ' ' + (await main(${JSON.stringify(ONE_FILE_SCAN)})));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return { cache: result.stderr, stdout: result.stdout };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('the code cache of the bundled CLI', {
  skip: !bundled && 'dist/cli/bundle not built (npm run build)',
}, () => {
  const bundle = bundled ? readFileSync(BUNDLE, 'utf8') : '';
  const cache = bundled ? readFileSync(`${BUNDLE}.v8cache`) : Buffer.alloc(0);
  let expected: string | undefined;
  const scanned = async () => {
    expected ??= (await runCli(ONE_FILE_SCAN, { cwd: ROOT })).stdout;
    return expected;
  };

  it('is written by the build and taken for the bundle it was made from', async () => {
    assert.deepEqual(withCache(bundle, cache), { cache: 'accepted 0', stdout: await scanned() });
  });

  it('is not given to a bundle of the same length with other text (V8 checks only the length)', async () => {
    const other = bundle.replace('Zero-trust security analysis', 'Zero-trust security analyzis');
    assert.equal(other.length, bundle.length);
    assert.notEqual(other, bundle);
    assert.deepEqual(withCache(other, cache), { cache: 'absent 0', stdout: await scanned() });
  });

  it('rejected by V8 (as under another Node), leaves the bundle compiled without it', async () => {
    const foreign = Buffer.concat([cache.subarray(0, 32), Buffer.alloc(4096, 7)]);
    assert.deepEqual(withCache(bundle, foreign), { cache: 'rejected 0', stdout: await scanned() });
  });

  it('unreadable (a folder in its place), leaves the bundle compiled without it', async () => {
    assert.deepEqual(withCache(bundle, 'folder'), { cache: 'absent 0', stdout: await scanned() });
  });

  it('absent, leaves the bundle compiled without it', async () => {
    assert.deepEqual(withCache(bundle, undefined), { cache: 'absent 0', stdout: await scanned() });
  });

  it("is made under the batch commands' V8 interrupt budget: V8 takes it only under that setting", () => {
    // V8 keys a code cache on its flags: the cache compiled by the build is refused under V8's defaults (as
    // `aksguard serve` runs) and taken once the budget is raised, so the setting is in force when it is made.
    const verdict = (setting: string) => {
      const script = `${setting}
const { readFileSync } = require('node:fs');
const { Script } = require('node:vm');
const bytes = readFileSync(${JSON.stringify(BUNDLE)});
const cachedData = readFileSync(${JSON.stringify(`${BUNDLE}.v8cache`)}).subarray(32);
const script = new Script(bytes.toString('latin1'), { filename: 'main.cjs', cachedData });
process.stdout.write(script.cachedDataRejected ? 'rejected' : 'accepted');`;
      return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout;
    };
    assert.equal(verdict(''), 'rejected');
    assert.equal(verdict("require('node:v8').setFlagsFromString('--interrupt-budget=600000');"), 'accepted');
  });

  it('is left aside by `aksguard serve`, which keeps V8 defaults', () => {
    const script = `const { compileBundle } = require('./bin/cliBundle.js');
process.stdout.write(compileBundle(undefined, undefined, { server: true }).cache);`;
    const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(result.stdout, 'absent');
  });
});
