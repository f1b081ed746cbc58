/**
 * The same conformance, end to end: `aksguard netpol list -f DIR -o txt --engine netpol-analyzer` on each
 * vendored scenario written to a folder, through the project loader, equals the golden list.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { Command } from 'commander';
import { register } from '../../../src/cli/commands/netpol.js';
import type { CliIo } from '../../../src/cli/io.js';

interface Corpus {
  scenarios: Record<string, { files: Record<string, string>; expected?: string[] }>;
}

const corpus = JSON.parse(
  gunzipSync(readFileSync(new URL('./data/connlist.json.gz', import.meta.url))).toString('utf8'),
) as Corpus;

async function list(cwd: string, dir: string): Promise<{ stdout: string; exitCode: number }> {
  const io = {
    stdout: '',
    out(text: string) {
      io.stdout += text;
    },
    err() {},
    readStdin: async () => '',
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    cwd,
    exitCode: 0,
  } satisfies CliIo & { stdout: string };
  const program = new Command().exitOverride();
  register(program, io);
  await program.parseAsync(['netpol', 'list', '-f', dir, '-o', 'txt', '--engine', 'netpol-analyzer'], {
    from: 'user',
  });
  return io;
}

describe('netpol list -f DIR --engine netpol-analyzer (end to end)', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'aksguard-netpol-conf-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const [name, scenario] of Object.entries(corpus.scenarios)) {
    if (!scenario.expected) continue;
    const expected = scenario.expected;
    it(name, async () => {
      for (const [file, text] of Object.entries(scenario.files)) {
        const path = join(root, name, file);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
      }
      const result = await list(root, name);
      assert.deepEqual(result.stdout.split('\n').filter(Boolean).sort(), [...new Set(expected)].sort());
    });
  }
});
