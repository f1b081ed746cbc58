import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import type { Report } from '../../src/report/report.js';
import { type LiveFixture, liveFixture } from '../fakes/liveCluster.js';
import { runCli } from '../support/cli.js';

describe('live sources on the command line', () => {
  let fixture: LiveFixture;
  let live: Report;
  before(async () => {
    fixture = await liveFixture();
    const result = await runCli(['scan', '--kubeconfig', fixture.kubeconfig, '-o', 'json', '--no-config'], {
      cwd: fixture.dir,
    });
    assert.equal(result.code, 1, result.stderr);
    live = JSON.parse(result.stdout) as Report;
  });
  after(() => fixture.close());

  it('scan --context reads the cluster and ends with a time summary on stderr', async () => {
    const result = await runCli(
      [
        'scan',
        '--context',
        'fake',
        '--kubeconfig',
        fixture.kubeconfig,
        '-o',
        'json',
        '--no-config',
        '--qps',
        '20',
      ],
      { cwd: fixture.dir },
    );
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^aksguard: read 256 objects from context fake in \d+\.\d s \(\d+ requests, 30 pages\); analysis \d+\.\d s\n$/,
    );
    assert.deepEqual((JSON.parse(result.stdout) as Report).summary, live.summary);
  });

  it('a live report (with an unreadable list) validates against schema/report.schema.json', async () => {
    fixture.api.faults.forbidden.add('Ingress');
    try {
      const result = await runCli(['scan', '--kubeconfig', fixture.kubeconfig, '-o', 'json', '--no-config'], {
        cwd: fixture.dir,
      });
      const report = JSON.parse(result.stdout) as Report;
      const schema = JSON.parse(
        readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'),
      );
      const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
      assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
      assert.equal(report.coverage.unreadable[0]?.kind, 'Ingress');
    } finally {
      fixture.api.faults.forbidden.clear();
    }
  });

  it('snapshot -o DIR, then scan DIR offline: the same report', async () => {
    const snapshot = await runCli(['snapshot', '--kubeconfig', fixture.kubeconfig, '-o', 'snap'], {
      cwd: fixture.dir,
    });
    assert.equal(snapshot.code, 0, snapshot.stderr);
    assert.match(
      snapshot.stderr,
      /^aksguard: wrote 30 file\(s\) to snap: 256 Kubernetes objects; Secret values are never written\n$/,
    );
    assert.ok(existsSync(join(fixture.dir, 'snap', 'kubernetes', 'pods.json')));
    const offline = await runCli(['scan', 'snap', '-o', 'json', '--no-config'], { cwd: fixture.dir });
    assert.equal(offline.code, 1);
    const report = JSON.parse(offline.stdout) as Report;
    assert.deepEqual(report.findings, live.findings);
    assert.deepEqual(report.coverage, live.coverage);
    assert.equal(
      readFileSync(join(fixture.dir, 'snap', 'kubernetes', 'secrets.json'), 'utf8').includes('"data"'),
      false,
    );
  });

  it('table and markdown show the API path of live findings; SARIF leaves them out and says so', async () => {
    const args = ['scan', '--kubeconfig', fixture.kubeconfig, '--no-config', '--rule', 'WL-NS-nakedPod'];
    // --all: the rule's findings are low, which the table folds to one line per rule otherwise.
    const table = await runCli([...args, '-o', 'table', '--all'], { cwd: fixture.dir });
    assert.match(
      table.stdout,
      /Pod default\/debug-shell {2}\/api\/v1\/namespaces\/default\/pods\/debug-shell/,
    );
    const markdown = await runCli([...args, '-o', 'markdown'], { cwd: fixture.dir });
    assert.match(markdown.stdout, /\| `\/api\/v1\/namespaces\/default\/pods\/debug-shell` \|/);
    const junit = await runCli([...args, '-o', 'junit'], { cwd: fixture.dir });
    assert.match(junit.stdout, /at \/api\/v1\/namespaces\/default\/pods\/debug-shell:/);
    const sarif = await runCli([...args, '-o', 'sarif'], { cwd: fixture.dir });
    assert.deepEqual(JSON.parse(sarif.stdout).runs[0].results, []);
    assert.match(sarif.stderr, /1 finding\(s\) without a file location are not in the SARIF output/);
  });

  it('--preflight lists what may not be read and the rules it would leave unjudged, exit 1', async () => {
    fixture.api.faults.forbidden.add('ClusterRoleBinding');
    try {
      const result = await runCli(
        ['scan', '--kubeconfig', fixture.kubeconfig, '--preflight', '--no-config'],
        {
          cwd: fixture.dir,
        },
      );
      assert.equal(result.code, 1);
      assert.match(result.stdout, /^Permissions of context fake to list what 157 rules read:\n/);
      assert.match(
        result.stdout,
        /\n {2}MISSING list clusterrolebindings\.rbac\.authorization\.k8s\.io \(not allowed\)\n/,
      );
      assert.match(result.stdout, /not evaluated without it: .*RBAC-ADM-001/);
      assert.match(result.stdout, /1 list permission\(s\) missing/);
      const narrowed = await runCli(
        [
          'scan',
          '--kubeconfig',
          fixture.kubeconfig,
          '--preflight',
          '--no-config',
          '-n',
          'legacy',
          '--rule',
          'WL-NS-nakedPod',
        ],
        { cwd: fixture.dir },
      );
      assert.equal(narrowed.code, 0);
      assert.equal(
        narrowed.stdout,
        'Permissions of context fake to list what 1 rules read:\n  ok      list pods in legacy\nEverything the scan reads can be listed.\n',
      );
    } finally {
      fixture.api.faults.forbidden.clear();
    }
  });

  it('pss check, netpol, rbac and fix take --context instead of files', async () => {
    const pss = await runCli(
      ['pss', 'check', '--kubeconfig', fixture.kubeconfig, '-n', 'payments', '-o', 'json'],
      {
        cwd: fixture.dir,
      },
    );
    assert.equal(pss.code, 0, pss.stderr);
    const verdicts = JSON.parse(pss.stdout).results as { resource: { name: string }; allowed: boolean }[];
    assert.deepEqual(
      verdicts.map((v) => [v.resource.name, v.allowed]),
      [['checkout', true]],
    );

    const netpol = await runCli(
      [
        'netpol',
        'query',
        '--kubeconfig',
        fixture.kubeconfig,
        '--from',
        'legacy/old-frontend',
        '--to',
        'payments/checkout',
        '--port',
        '8080',
      ],
      { cwd: fixture.dir },
    );
    assert.equal(netpol.code, 1, netpol.stdout + netpol.stderr);

    const rbac = await runCli(
      [
        'rbac',
        'can-i',
        'list',
        'secrets',
        '--as-sa',
        'legacy:deployer',
        '-A',
        '-o',
        'table',
        '--kubeconfig',
        fixture.kubeconfig,
      ],
      {
        cwd: fixture.dir,
      },
    );
    assert.equal(rbac.code, 0, rbac.stderr);
    assert.match(rbac.stdout, /^yes - .*deployer-secret-reader/);

    const fix = await runCli(['fix', '--kubeconfig', fixture.kubeconfig, '-n', 'default'], {
      cwd: fixture.dir,
    });
    assert.equal(fix.code, 0, fix.stderr);
    assert.match(
      fix.stdout,
      /# Pod default\/debug-shell \(\/api\/v1\/namespaces\/default\/pods\/debug-shell\)\n# kubectl patch pod debug-shell -n default/,
    );
  });

  it('a query command whose inputs could not all be read says so and exits 2', async () => {
    fixture.api.faults.forbidden.add('RoleBinding');
    try {
      const rbac = await runCli(
        ['rbac', 'who-can', 'get', 'secrets', '-n', 'legacy', '--kubeconfig', fixture.kubeconfig],
        {
          cwd: fixture.dir,
        },
      );
      assert.equal(rbac.code, 2);
      assert.match(
        rbac.stderr,
        /^aksguard: RoleBinding could not be read from context fake: forbidden .*; the answer below is incomplete\n/,
      );
    } finally {
      fixture.api.faults.forbidden.clear();
    }
  });

  it('usage errors: no input, an unknown context, two kinds of target, fleet without a scope', async () => {
    const none = await runCli(['scan', '--no-config'], { cwd: fixture.dir });
    assert.equal(none.code, 2);
    const context = await runCli(['scan', '--kubeconfig', fixture.kubeconfig, '--context', 'prod'], {
      cwd: fixture.dir,
    });
    assert.equal(context.code, 2);
    assert.equal(context.stderr, 'aksguard: context "prod" is not in the kubeconfig (contexts: fake)\n');
    const both = await runCli(['scan', '--in-cluster', '--context', 'x'], { cwd: fixture.dir });
    assert.equal(both.code, 2);
    const inCluster = await runCli(['scan', '--in-cluster'], { cwd: fixture.dir, env: {} });
    assert.equal(
      inCluster.stderr,
      'aksguard: --in-cluster: KUBERNETES_SERVICE_HOST is not set (not running in a pod, or the service links are off)\n',
    );
    const fleet = await runCli(['fleet', 'scan'], { cwd: fixture.dir });
    assert.equal(fleet.code, 2);
    assert.match(fleet.stderr, /give exactly one scope/);
    const badId = await runCli(['scan', '--azure-cluster', '/subscriptions/x'], { cwd: fixture.dir });
    assert.equal(badId.code, 2);
    assert.match(badId.stderr, /--azure-cluster must be a managed cluster resource id/);
    const timeout = await runCli(['scan', '--kubeconfig', fixture.kubeconfig, '--timeout', 'soon'], {
      cwd: fixture.dir,
    });
    assert.equal(timeout.stderr, 'aksguard: --timeout must be a duration like 90s or 5m (got "soon")\n');
  });
});
