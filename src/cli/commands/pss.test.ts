import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import type { CliIo } from '../io.js';
import { register } from './pss.js';

const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx
          securityContext:
            privileged: true
---
apiVersion: v1
kind: Pod
metadata:
  name: tidy
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: { type: RuntimeDefault }
  containers:
    - name: app
      image: app
      securityContext:
        allowPrivilegeEscalation: false
        capabilities: { drop: [ALL] }
`;

function fakeIo(cwd: string, stdin = ''): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    readStdin: async () => stdin,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    cwd,
    exitCode: 0,
  };
  return io;
}

async function run(args: string[], cwd: string, stdin?: string) {
  const io = fakeIo(cwd, stdin);
  const program = new Command().exitOverride();
  register(program, io);
  await program.parseAsync(['pss', 'check', ...args], { from: 'user' });
  return io;
}

describe('aksguard pss check', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'aksguard-pss-cli-'));
    writeFileSync(join(dir, 'app.yaml'), MANIFESTS);
    writeFileSync(join(dir, 'broken.yaml'), 'kind: Pod\napiVersion: v1\nmetadata: {name: [\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives per-object verdicts in JSON and exits 1 when one is denied', async () => {
    const io = await run(['app.yaml', '-o', 'json', '--level', 'baseline', '--version', 'v1.30'], dir);
    assert.equal(io.exitCode, 1);
    const report = JSON.parse(io.stdout);
    assert.equal(report.level, 'baseline');
    assert.equal(report.version, 'v1.30');
    assert.deepEqual(
      report.results.map((r: { resource: { kind: string; name: string }; allowed: boolean }) => [
        r.resource.kind,
        r.resource.name,
        r.allowed,
      ]),
      [
        ['Deployment', 'web', false],
        ['Pod', 'tidy', true],
      ],
    );
    assert.deepEqual(report.results[0].violations, [
      {
        check: 'privileged',
        reason: 'privileged',
        detail: 'container "web" must not set securityContext.privileged=true',
        location: { file: 'app.yaml', line: 17, column: 13, endLine: 17, endColumn: 29 },
      },
    ]);
    assert.deepEqual(report.results[0].location, {
      file: 'app.yaml',
      line: 1,
      column: 1,
      endLine: 17,
      endColumn: 29,
    });
  });

  it('exits 0 when every object is allowed', async () => {
    const io = await run(['-', '-o', 'json'], dir, MANIFESTS.split('---\n')[1]);
    assert.equal(io.exitCode, 0, io.stderr);
    assert.equal(JSON.parse(io.stdout).evaluatedAs, 'v1.37');
  });

  it('prints a table for people', async () => {
    const io = await run(['app.yaml', '-o', 'table'], dir);
    assert.equal(io.exitCode, 1);
    assert.match(io.stdout, /^RESOURCE\s+LOCATION\s+VERDICT$/m);
    assert.match(io.stdout, /^Deployment shop\/web\s+app\.yaml:1\s+DENIED$/m);
    assert.match(io.stdout, /^ {4}privileged \(app\.yaml:17\): privileged: container "web" must not set/m);
    assert.match(io.stdout, /^Pod default\/tidy\s+app\.yaml:19\s+allowed$/m);
    assert.match(
      io.stdout,
      /1 of 2 pod specs would be refused at restricted:latest \(evaluated as v1\.37\)\./,
    );
  });

  it('refuses an unknown level or version with exit code 2', async () => {
    for (const args of [
      ['--level', 'privileged'],
      ['--level', 'strict'],
      ['--version', '1.25'],
      ['-o', 'xml'],
    ]) {
      const io = await run(['app.yaml', ...args], dir);
      assert.equal(io.exitCode, 2, args.join(' '));
      assert.match(io.stderr, /^aksguard: /);
      assert.equal(io.stdout, '');
    }
  });

  // Files are judged as they are read (load/streamed.ts): the same verdicts, errors and exit codes as the inventory.
  const streamedCases: {
    name: string;
    args: string[];
    stdin?: string;
    results: string[];
    exitCode: number;
    stderr: string;
  }[] = [
    {
      name: 'an object in a file and again on standard input is judged once, where it is first read',
      args: ['-', 'app.yaml'],
      stdin: MANIFESTS.split('---\n')[1]!,
      results: ['Pod default/tidy <stdin>:1 true', 'Deployment shop/web app.yaml:1 false'],
      exitCode: 1,
      stderr: '',
    },
    {
      name: '-n names the namespace of objects that name none (and tells copies apart by it)',
      args: ['app.yaml', '-n', 'shop'],
      results: ['Deployment shop/web app.yaml:1 false', 'Pod shop/tidy app.yaml:19 true'],
      exitCode: 1,
      stderr: '',
    },
    {
      name: 'a broken document: its error first, the other files still judged, exit 2',
      args: ['broken.yaml', 'app.yaml'],
      results: ['Deployment shop/web app.yaml:1 false', 'Pod default/tidy app.yaml:19 true'],
      exitCode: 2,
      stderr:
        'aksguard: broken.yaml:4: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n',
    },
  ];
  for (const test of streamedCases)
    it(test.name, async () => {
      const io = await run([...test.args, '-o', 'json'], dir, test.stdin);
      assert.equal(io.stderr, test.stderr);
      assert.equal(io.exitCode, test.exitCode);
      assert.deepEqual(
        JSON.parse(io.stdout).results.map(
          (r: {
            resource: { kind: string; namespace: string; name: string };
            location: { file: string; line: number };
            allowed: boolean;
          }) =>
            `${r.resource.kind} ${r.resource.namespace}/${r.resource.name} ${r.location.file}:${r.location.line} ${r.allowed}`,
        ),
        test.results,
      );
    });

  it('reports unreadable input with its file and line, still judges the rest, and exits 2', async () => {
    const io = await run(['.', '-o', 'json'], dir);
    assert.equal(io.exitCode, 2);
    assert.match(io.stderr, /broken\.yaml:4: invalid YAML/);
    assert.equal(JSON.parse(io.stdout).results.length, 2);
  });
});
