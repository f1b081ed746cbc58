import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstLines, mapConcurrent, runProgram } from './exec.js';

const node = process.execPath;

describe('renderer processes: bounded, never thrown', () => {
  it('a program that prints without end is stopped at the output limit', async () => {
    const result = await runProgram(
      node,
      ['-e', 'for(;;) require("node:fs").writeSync(1, "x".repeat(65536))'],
      {
        cwd: process.cwd(),
        env: {},
        limits: { timeoutMs: 20_000, maxOutputBytes: 1024 * 1024 },
      },
    );
    assert.deepEqual([result.ok, result.ok ? '' : result.reason], [false, 'output over the 1 MiB limit']);
  });

  it('a program that never ends is stopped at the time limit', async () => {
    const result = await runProgram(node, ['-e', 'setInterval(() => {}, 1000)'], {
      cwd: process.cwd(),
      env: {},
      limits: { timeoutMs: 300, maxOutputBytes: 1024 },
    });
    assert.deepEqual([result.ok, result.ok ? '' : result.reason], [false, 'no result after 0.3 s']);
  });

  it('a missing program and a failing one', async () => {
    const missing = await runProgram('/nonexistent/helm', ['version'], { cwd: process.cwd(), env: {} });
    assert.deepEqual(missing, {
      ok: false,
      reason: '/nonexistent/helm not found',
      stderr: '',
      notFound: true,
    });
    const failing = await runProgram(
      node,
      ['-e', 'console.error("Error: chart is broken"); process.exit(1)'],
      {
        cwd: process.cwd(),
        env: {},
      },
    );
    assert.equal(failing.ok ? '' : failing.reason, 'Error: chart is broken');
  });

  it('keeps the first error lines, without klog prefixes or warnings', () => {
    assert.equal(
      firstLines('WARNING: a\nE1205 00:22:21.475410   19320 run.go:72] "command failed" err="x"\n\nsecond\n'),
      '"command failed" err="x"; second',
    );
  });

  it('runs at most `limit` tasks at once, results in order', async () => {
    let running = 0;
    let most = 0;
    const results = await mapConcurrent([5, 1, 4, 2, 3], 2, async (value) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, value * 5));
      running--;
      return value * 10;
    });
    assert.deepEqual(results, [50, 10, 40, 20, 30]);
    assert.equal(most, 2);
  });
});
