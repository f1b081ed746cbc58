import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../support/cli.js';

/**
 * The streamed renderers write exactly what the one-string renderers wrote: the SHA-256 of each output, captured
 * before streaming (absolute paths of the checkout replaced by <CWD>), is in golden-outputs.json.
 * After an intended change of output, regenerate with AKSGUARD_UPDATE_GOLDEN=1 and say why in the commit.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
const GOLDEN_FILE = new URL('./golden-outputs.json', import.meta.url);
const golden: Record<string, { code: number; sha256: string; bytes: number }> = JSON.parse(
  readFileSync(GOLDEN_FILE, 'utf8'),
);
const update = process.env.AKSGUARD_UPDATE_GOLDEN === '1';

const cases: { name: string; args: string[]; needsShared?: boolean }[] = [];
for (const format of ['json', 'sarif', 'junit', 'markdown', 'table'])
  cases.push({
    name: `demo.${format}`,
    args: ['scan', 'examples/aks-store-demo', '--no-config', '-o', format],
  });
for (const set of ['rbac/data/bootstrap', 'rbac/data/rbac-tool'])
  for (const format of ['json', 'sarif'])
    cases.push({
      name: `${set.replace(/\//g, '_')}.${format}`,
      args: ['scan', `test/conformance/${set}`, '--no-config', '-o', format],
    });
for (const shared of ['apps', 'aks', 'rbac', 'netpol', 'pss'])
  for (const format of ['json', 'sarif'])
    cases.push({
      name: `shared_${shared}.${format}`,
      args: ['scan', `../shared/corpora/${shared}`, '--no-config', '-o', format],
      needsShared: true,
    });
const sharedPresent = existsSync(new URL('../../../shared/corpora/', import.meta.url));

describe('streamed outputs are byte-identical to the one-string renderers', () => {
  for (const testCase of cases) {
    it(testCase.name, {
      skip: testCase.needsShared && !sharedPresent && 'needs ../shared/corpora',
    }, async () => {
      const result = await runCli(testCase.args, { cwd: ROOT });
      const text = result.stdout.split(ROOT).join('<CWD>');
      const actual = {
        code: result.code,
        sha256: createHash('sha256').update(text).digest('hex'),
        bytes: Buffer.byteLength(text),
      };
      if (update) golden[testCase.name] = actual;
      else assert.deepEqual(actual, golden[testCase.name]);
    });
  }
  if (update)
    it('writes golden-outputs.json', () => {
      writeFileSync(GOLDEN_FILE, `${JSON.stringify(golden, null, 2)}\n`);
    });
});
