import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import type { CliIo } from '../io.js';
import { register } from './netpol.js';

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: { name: frontend, namespace: shop }
spec:
  template:
    metadata: { labels: { app: frontend } }
    spec:
      containers: [{ name: web, image: web, ports: [{ containerPort: 8080 }] }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: db, namespace: shop }
spec:
  template:
    metadata: { labels: { app: db } }
    spec:
      containers: [{ name: pg, image: postgres, ports: [{ name: pg, containerPort: 5432 }] }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db-from-frontend, namespace: shop }
spec:
  podSelector: { matchLabels: { app: db } }
  policyTypes: [Ingress, Egress]
  ingress:
    - from: [{ podSelector: { matchLabels: { app: frontend } } }]
      ports: [{ port: pg }]
`;

const BROKEN_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: imds, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 10.10.0.0/0#example
            except: [169.254.169.254/32]
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

async function run(cwd: string, args: string[], stdin = '') {
  const io = fakeIo(cwd, stdin);
  const program = new Command().exitOverride();
  register(program, io);
  await program.parseAsync(['netpol', ...args], { from: 'user' });
  return io;
}

describe('aksguard netpol', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'aksguard-netpol-'));
    writeFileSync(join(dir, 'app.yaml'), APP);
    mkdirSync(join(dir, 'v2'));
    writeFileSync(
      join(dir, 'v2', 'app.yaml'),
      APP.replace('from: [{ podSelector: { matchLabels: { app: frontend } } }]', 'from: []'),
    );
    writeFileSync(join(dir, 'broken.yaml'), BROKEN_POLICY);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('list -o txt prints netpol-analyzer lines', async () => {
    const io = await run(dir, ['list', '-f', 'app.yaml']);
    assert.equal(io.exitCode, 0);
    assert.equal(
      io.stdout,
      [
        '0.0.0.0-255.255.255.255[External] => shop/frontend[Deployment] : All Connections',
        'shop/frontend[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'shop/frontend[Deployment] => shop/db[Deployment] : TCP 5432',
        '',
      ].join('\n'),
    );
  });

  it('list reads standard input with -f -', async () => {
    const io = await run(dir, ['list', '-f', '-', '-o', 'csv'], APP);
    assert.match(io.stdout, /^src,dst,conn\n/);
    assert.match(io.stdout, /shop\/frontend\[Deployment\],shop\/db\[Deployment\],TCP 5432/);
  });

  it('query: exit 0 when allowed, 1 when denied, with the responsible rules in JSON', async () => {
    const allowed = await run(dir, [
      'query',
      '-f',
      'app.yaml',
      '--from',
      'shop/frontend',
      '--to',
      'shop/db',
      '--port',
      '5432',
    ]);
    assert.equal(allowed.exitCode, 0);
    assert.match(
      allowed.stdout,
      /ingress: allowed by Ingress rule #1 of NetworkPolicy shop\/db-from-frontend/,
    );
    const denied = await run(dir, [
      'query',
      '-f',
      'app.yaml',
      '--from',
      'shop/db',
      '--to',
      '8.8.8.8',
      '-o',
      'json',
    ]);
    assert.equal(denied.exitCode, 1);
    const json = JSON.parse(denied.stdout);
    assert.equal(json.allowed, false);
    assert.match(json.egress.deniedBecause, /selected for Egress by shop\/db-from-frontend/);
    assert.equal(json.ingress.allowed, true);
  });

  it('query: an unknown workload is a usage error', async () => {
    const io = await run(dir, ['query', '-f', 'app.yaml', '--from', 'shop/nope', '--to', 'shop/db']);
    assert.equal(io.exitCode, 2);
    assert.match(io.stderr, /--from shop\/nope: no such workload/);
  });

  it('an invalid policy is reported with its file and line and not applied', async () => {
    const io = await run(dir, ['list', '-f', 'app.yaml', '-f', 'broken.yaml']);
    assert.match(
      io.stderr,
      /broken\.yaml:10: NetworkPolicy shop\/imds is invalid and not applied: spec\.egress\[0\]\.to\[0\]\.ipBlock\.cidr/,
    );
    assert.match(
      io.stdout,
      /shop\/frontend\[Deployment\] => 0\.0\.0\.0-255\.255\.255\.255\[External\] : All Connections/,
    );
  });

  it('gaps: exit 1 with the gaps listed', async () => {
    const io = await run(dir, ['gaps', '-f', 'app.yaml', '-o', 'json']);
    assert.equal(io.exitCode, 1);
    const json = JSON.parse(io.stdout);
    assert.deepEqual(json.noDefaultDeny, [
      { namespace: 'shop', direction: 'Ingress' },
      { namespace: 'shop', direction: 'Egress' },
    ]);
    assert.deepEqual(json.imdsReachable, [
      { workload: 'shop/frontend[Deployment]', connections: 'All Connections' },
    ]);
  });

  it('diff OLD NEW lists what changed', async () => {
    const io = await run(dir, ['diff', 'app.yaml', 'v2/app.yaml']);
    assert.equal(
      io.stdout,
      [
        'Connectivity diff:',
        'diff-type: added, source: 0.0.0.0-255.255.255.255[External], destination: shop/db[Deployment], ref1: No Connections, ref2: TCP 5432',
        '',
      ].join('\n'),
    );
  });

  it('list --compare-engines shows the verdicts that change', async () => {
    const io = await run(dir, ['list', '-f', 'app.yaml', '--compare-engines', 'azure,none']);
    assert.match(io.stdout, /Verdicts that differ between azure, none: \d+/);
    assert.match(
      io.stdout,
      /shop\/db\[Deployment\] => shop\/frontend\[Deployment\]\n\s+azure\s+No Connections\n\s+none\s+All Connections/,
    );
  });

  it('explain names the rules on both sides', async () => {
    const io = await run(dir, ['explain', '-f', 'app.yaml', '--focus', 'shop/db']);
    assert.match(io.stdout, /shop\/frontend\[Deployment\] => shop\/db\[Deployment\]\n {2}Allowed: TCP 5432/);
    assert.match(io.stdout, /Ingress rule #1 of NetworkPolicy shop\/db-from-frontend/);
  });

  it('--api-server names that block in JSON', async () => {
    const io = await run(dir, ['list', '-f', 'app.yaml', '-o', 'json', '--api-server', '20.1.2.3']);
    const items = JSON.parse(io.stdout) as { dst: string; dstName?: string }[];
    assert.deepEqual(
      items.filter((i) => i.dstName).map((i) => [i.dst, i.dstName]),
      [
        ['168.63.129.16-168.63.129.16[External]', 'Azure wireserver'],
        ['169.254.169.254-169.254.169.254[External]', 'IMDS'],
        ['20.1.2.3-20.1.2.3[External]', 'API server'],
      ],
    );
  });

  it('an unknown engine is a usage error', async () => {
    const io = await run(dir, ['list', '-f', 'app.yaml', '--engine', 'weave']);
    assert.equal(io.exitCode, 2);
  });
});
