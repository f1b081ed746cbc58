import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Json } from '../fakes/clusterState.js';
import type { FakeCustomResource } from '../fakes/kubeApiServer.js';
import { type LiveFixture, liveFixture } from '../fakes/liveCluster.js';
import { runCli } from '../support/cli.js';
import { crdErrors, reportCrds } from '../support/crdSchema.js';

function installed(groups: string[]): FakeCustomResource[] {
  return reportCrds()
    .filter(
      (crd) => groups.includes(crd.group) && (crd.group !== 'wgpolicyk8s.io' || crd.version === 'v1alpha2'),
    )
    .map((crd) => ({ ...crd, validate: (object: Json) => crdErrors(object) }));
}

function summaryOf(object: Json | undefined): unknown {
  return object?.summary;
}

describe('scan --write-reports against the fake API server', () => {
  let openreports: LiveFixture;
  let wgpolicy: LiveFixture;
  before(async () => {
    openreports = await liveFixture(undefined, {
      customResources: installed(['openreports.io', 'wgpolicyk8s.io']),
    });
    wgpolicy = await liveFixture(undefined, { customResources: installed(['wgpolicyk8s.io']) });
  });
  after(async () => {
    await openreports.close();
    await wgpolicy.close();
  });

  const scan = (fixture: LiveFixture, extra: string[] = []) =>
    runCli(['scan', '--kubeconfig', fixture.kubeconfig, '--no-config', '--write-reports', ...extra], {
      cwd: fixture.dir,
    });

  it('writes OpenReports when that API is served: server-side apply, field manager aksguard, one per namespace', async () => {
    const result = await scan(openreports);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '', 'the results are in the cluster, nothing on standard output');
    assert.match(
      result.stderr,
      /aksguard: wrote 6 report\(s\) \(openreports\.io\/v1alpha1 Report\/ClusterReport\) to context fake\n$/,
    );
    assert.deepEqual([...openreports.api.customObjects.keys()].sort(), [
      'clusterreports.openreports.io//aksguard',
      'reports.openreports.io/default/aksguard',
      'reports.openreports.io/kube-system/aksguard',
      'reports.openreports.io/legacy/aksguard',
      'reports.openreports.io/payments/aksguard',
      'reports.openreports.io/pets/aksguard',
    ]);
    const applies = openreports.api.requests.filter((r) => r.method === 'PATCH');
    assert.equal(applies.length, 6);
    for (const request of applies) {
      assert.equal(request.contentType, 'application/apply-patch+yaml');
      assert.deepEqual(request.query, { fieldManager: 'aksguard', force: 'true' });
      assert.equal(request.status, 201);
    }
    const pets = openreports.api.customObjects.get('reports.openreports.io/pets/aksguard')!;
    assert.equal(pets.source, 'aksguard');
    assert.deepEqual((pets.metadata as Json).labels, { 'app.kubernetes.io/managed-by': 'aksguard' });
    const results = pets.results as {
      policy: string;
      resources: { kind: string }[];
      properties: Json;
      timestamp: Json;
    }[];
    assert.ok(results.length > 10);
    assert.ok(results.every((r) => typeof (r.timestamp as { seconds: number }).seconds === 'number'));
    // Live findings name the object's API path.
    assert.ok(
      results.some((r) => String(r.properties.location).startsWith('/apis/apps/v1/namespaces/pets/')),
    );
  });

  it('findings are fail at or above --fail-on, warn below; the exit code is 0 once the reports are written', () => {
    const pets = openreports.api.customObjects.get('reports.openreports.io/pets/aksguard')!;
    const summary = pets.summary as { fail: number; warn: number };
    assert.ok(summary.fail > 0 && summary.warn > 0, JSON.stringify(summary));
    const results = pets.results as { severity: string; result: string }[];
    for (const result of results)
      assert.equal(result.result, ['critical', 'high'].includes(result.severity) ? 'fail' : 'warn');
  });

  it('a second scan replaces the reports and deletes the stale ones by label', async () => {
    // A report aksguard wrote earlier for a namespace that has no results now, and one of another tool.
    openreports.api.customObjects.set('reports.openreports.io/gone/aksguard', {
      apiVersion: 'openreports.io/v1alpha1',
      kind: 'Report',
      metadata: {
        name: 'aksguard',
        namespace: 'gone',
        labels: { 'app.kubernetes.io/managed-by': 'aksguard' },
      },
    });
    openreports.api.customObjects.set('reports.openreports.io/pets/kyverno-1', {
      apiVersion: 'openreports.io/v1alpha1',
      kind: 'Report',
      metadata: {
        name: 'kyverno-1',
        namespace: 'pets',
        labels: { 'app.kubernetes.io/managed-by': 'kyverno' },
      },
    });
    const before = summaryOf(openreports.api.customObjects.get('reports.openreports.io/pets/aksguard'));
    openreports.api.requests.length = 0;
    const result = await scan(openreports);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /wrote 6 report\(s\) .*, deleted 1 stale\n$/);
    assert.equal(openreports.api.customObjects.has('reports.openreports.io/gone/aksguard'), false);
    assert.equal(openreports.api.customObjects.has('reports.openreports.io/pets/kyverno-1'), true);
    assert.deepEqual(
      summaryOf(openreports.api.customObjects.get('reports.openreports.io/pets/aksguard')),
      before,
    );
    assert.deepEqual(
      openreports.api.requests
        .filter((r) => r.method !== 'PATCH' && r.path.includes('openreports'))
        .map((r) => `${r.method} ${r.path} ${r.status}`),
      [
        'GET /apis/openreports.io/v1alpha1 200',
        'GET /apis/openreports.io/v1alpha1/reports 200',
        'DELETE /apis/openreports.io/v1alpha1/namespaces/gone/reports/aksguard 200',
        'GET /apis/openreports.io/v1alpha1/clusterreports 200',
      ],
    );
  });

  it('-n: only that namespace is replaced and pruned, the cluster report is left alone', async () => {
    openreports.api.requests.length = 0;
    const result = await scan(openreports, ['-n', 'pets']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /wrote 1 report\(s\)/);
    assert.deepEqual(
      openreports.api.requests.filter((r) => r.method === 'PATCH').map((r) => r.path),
      ['/apis/openreports.io/v1alpha1/namespaces/pets/reports/aksguard'],
    );
  });

  it('falls back to wgpolicyk8s.io PolicyReports when OpenReports is not served', async () => {
    const result = await scan(wgpolicy, ['-o', 'json']);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.startsWith('{'), '-o still prints the report');
    assert.match(
      result.stderr,
      /wrote 6 report\(s\) \(wgpolicyk8s\.io\/v1alpha2 PolicyReport\/ClusterPolicyReport\)/,
    );
    assert.ok(wgpolicy.api.customObjects.has('clusterpolicyreports.wgpolicyk8s.io//aksguard'));
    assert.ok(wgpolicy.api.customObjects.has('policyreports.wgpolicyk8s.io/pets/aksguard'));
  });

  it('no report API served, or no live cluster: exit 2 with what to install', async () => {
    const bare = await liveFixture();
    try {
      const result = await scan(bare);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /no report API is served: install the OpenReports CRDs/);
    } finally {
      await bare.close();
    }
    const offline = await runCli(['scan', '.', '--write-reports']);
    assert.equal(offline.code, 2);
    assert.match(offline.stderr, /--write-reports writes to a live cluster/);
  });

  it('a report the API server refuses is exit 2 naming it', async () => {
    const refusing = await liveFixture(undefined, {
      customResources: installed(['openreports.io']).map((crd) => ({
        ...crd,
        validate: () => ['spec: refused'],
      })),
    });
    try {
      const result = await scan(refusing);
      assert.equal(result.code, 2);
      assert.match(
        result.stderr,
        /applying ClusterReport aksguard: 422 ClusterReport\.openreports\.io "aksguard" is invalid: spec: refused/,
      );
    } finally {
      await refusing.close();
    }
  });
});
