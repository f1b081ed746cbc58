import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
