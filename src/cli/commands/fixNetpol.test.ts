import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { parseAllDocuments } from 'yaml';
import type { CliIo } from '../io.js';
import { registerFixNetpol } from './fixNetpol.js';

function fakeIo(cwd: string): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    readStdin: async () => '',
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    cwd,
    exitCode: 0,
  };
  return io;
}

async function run(cwd: string, args: string[]) {
  const io = fakeIo(cwd);
  const program = new Command().exitOverride();
  registerFixNetpol(program.command('fix'), io);
  await program.parseAsync(['fix', 'netpol', ...args], { from: 'user' });
  return io;
}

describe('aksguard fix netpol', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'aksguard-fixnp-'));
    writeFileSync(
      join(dir, 'app.yaml'),
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web, ports: [{ containerPort: 8080 }] }] }
`,
    );
    writeFileSync(
      join(dir, 'intent.yaml'),
      'connections:\n  - { from: internet, to: shop/web, ports: [8080] }\n',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the policies as YAML and the verification on stderr', async () => {
    const io = await run(dir, ['-f', 'app.yaml', '--intent', 'intent.yaml', '--engine', 'cilium']);
    assert.equal(io.exitCode, 0);
    const names = parseAllDocuments(io.stdout).map(
      (d) => (d.toJS() as { metadata: { name: string } }).metadata.name,
    );
    assert.deepEqual(names, ['default-deny', 'allow-dns', 'allow-web-ingress']);
    assert.match(
      io.stderr,
      /3 policies for engine cilium; verified: 1 intended connections allowed, 0 denied, 0 workloads reaching IMDS/,
    );
  });

  it('a missing intent file is a usage error', async () => {
    const io = await run(dir, ['-f', 'app.yaml', '--intent', 'nope.yaml']);
    assert.equal(io.exitCode, 2);
    assert.match(io.stderr, /cannot read --intent nope\.yaml/);
  });
});
