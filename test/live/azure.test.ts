import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { emptyConfig } from '../../src/config/config.js';
import { scanFleet } from '../../src/fleet.js';
import { renderFleetTable } from '../../src/report/fleet.js';
import type { Report } from '../../src/report/report.js';
import { scan } from '../../src/scan.js';
import { findClusterByServer, resetsAfterMs } from '../../src/sources/live/azure/resourceGraph.js';
import { AzureClusterSource } from '../../src/sources/live/azure/source.js';
import { LiveSourceError } from '../../src/sources/live/errors.js';
import { KubernetesSource } from '../../src/sources/live/kubernetes/source.js';
import { writeSnapshot } from '../../src/sources/snapshot.js';
import { addResource, fakeAzure } from '../fakes/azure.js';
import { CLUSTER_FQDN, CLUSTER_ID, contosoAzure, contosoCluster } from '../fakes/azureCluster.js';
import { type LiveFixture, liveFixture } from '../fakes/liveCluster.js';
import { tempTree } from '../support/tempTree.js';

const corpus = JSON.parse(
  readFileSync(new URL('../conformance/aks/data/corpus.json', import.meta.url), 'utf8'),
) as Record<string, string>;

function ruleMessages(report: Report): string[] {
  return report.findings.map((f) => `${f.ruleId} ${f.severity} ${f.message}`).sort();
}

async function azureScan(azure = contosoAzure(), id = CLUSTER_ID) {
  const source = new AzureClusterSource(id, { credential: azure.credential, httpClient: azure.httpClient });
  const report = await scan({ paths: [], sources: [source], config: false, cwd: '/', today: '2026-01-01' });
  return { azure, source, report };
}

describe('live Azure Resource Manager source (the SDK clients over recorded ARM responses)', () => {
  it('reads the cluster, its pools, diagnostic settings, maintenance windows and role assignments, raw', async () => {
    const { azure, source, report } = await azureScan();
    assert.deepEqual(
      azure.requests.map((r) => `${r.method} ${r.path.replace(CLUSTER_ID, '{cluster}')} ${r.status}`),
      [
        'GET {cluster} 200',
        'GET {cluster}/agentPools 200',
        'GET {cluster}/providers/Microsoft.Insights/diagnosticSettings 200',
        'GET {cluster}/maintenanceConfigurations 200',
        'GET {cluster}/providers/Microsoft.Authorization/roleAssignments 200',
        'GET /subscriptions/3f2e8a71-5c4d-4e9b-9a31-7d6c2b1e0f58/providers/Microsoft.Authorization/roleAssignments 200',
      ],
    );
    assert.equal(azure.requests[2]!.query['api-version'], '2021-05-01-preview');
    assert.deepEqual(azure.tokenScopes.slice(0, 1), ['https://management.azure.com/.default']);
    // Raw ARM JSON: `enableRBAC` as ARM spells it, not the SDK model's `enableRbac`.
    const properties = source.lastRead!.managedCluster!.properties as Record<string, unknown>;
    assert.equal(properties.enableRBAC, true);
    assert.deepEqual(
      (properties.agentPoolProfiles as { name: string }[]).map((pool) => pool.name),
      ['system', 'apps'],
    );
    assert.deepEqual(report.coverage, { read: { 'azure-api': 5 }, skipped: [], unreadable: [] });
    const ids = new Set(report.findings.map((f) => f.ruleId));
    for (const id of ['AKS-NET-03', 'AKS-MON-02', 'AKS-IAM-09', 'RBAC-AKS-003', 'RBAC-AKS-004', 'AKS-NET-05'])
      assert.ok(ids.has(id), id);
    assert.equal(ids.has('AKS-GOV-07'), false, 'the maintenance window was read');
    const audit = report.findings.find((f) => f.ruleId === 'AKS-MON-02')!;
    assert.equal(
      audit.message,
      'cluster aks-contoso-prod has diagnostic settings without the kube-audit or kube-audit-admin category',
    );
    assert.deepEqual(audit.resource, { kind: 'ManagedCluster', name: 'aks-contoso-prod', id: CLUSTER_ID });
    assert.equal(audit.location, undefined);
    const pool = report.findings.find((f) => f.ruleId === 'AKS-NODE-05' && f.resource.name === 'apps')!;
    assert.equal(pool.resource.id, `${CLUSTER_ID}/agentPools/apps`);
  });

  it('judges an ARM GET body exactly as the same body read from a file', async () => {
    const example = JSON.parse(corpus['aks/arm-examples/ManagedClustersGet.json']!) as {
      responses: { 200: { body: Record<string, unknown> } };
    };
    const body = example.responses[200].body;
    const id =
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/clustername1';
    const azure = fakeAzure();
    addResource(azure, { ...body, id });
    const live = await azureScan(azure, id);
    const tree = tempTree({ 'cluster.json': JSON.stringify({ ...body, id }) });
    try {
      const offline = await scan({
        paths: ['cluster.json'],
        config: false,
        cwd: tree.dir,
        today: '2026-01-01',
      });
      // The live read adds what surrounds the cluster (here: nothing, so AKS-MON-02 and AKS-GOV-07 are judged).
      const surroundings = (r: Report) =>
        ruleMessages(r).filter((line) => !/^AKS-(MON-02|GOV-07) /.test(line));
      assert.deepEqual(surroundings(live.report), surroundings(offline));
      assert.ok(offline.notEvaluated.some((n) => n.ruleId === 'AKS-MON-02'));
      assert.ok(live.report.findings.some((f) => f.ruleId === 'AKS-MON-02'));
    } finally {
      tree.cleanup();
    }
  });

  it('a 403 on the diagnostic settings turns exactly AKS-MON-02 into not evaluated', async () => {
    const azure = contosoAzure();
    azure.faults.forbidden.push(/\/diagnosticSettings$/i);
    const { report } = await azureScan(azure);
    assert.deepEqual(
      report.coverage.unreadable.map((u) => [u.kind, u.reason.split(' (')[0]]),
      [['Microsoft.Insights/diagnosticSettings', 'forbidden']],
    );
    assert.deepEqual(
      report.notEvaluated.filter((n) => n.reason.includes('could not be read')).map((n) => n.ruleId),
      ['AKS-MON-02'],
    );
    assert.equal(
      report.findings.some((f) => f.ruleId === 'AKS-MON-02'),
      false,
    );
  });

  it('a 403 on role assignments turns the rules that read them into not evaluated', async () => {
    const azure = contosoAzure();
    azure.faults.forbidden.push(/roleAssignments$/i);
    const { report } = await azureScan(azure);
    assert.deepEqual(
      report.notEvaluated
        .filter((n) => n.reason.includes('could not be read'))
        .map((n) => n.ruleId)
        .sort(),
      ['AKS-IAM-09', 'RBAC-AKS-003', 'RBAC-AKS-005', 'RBAC-AKS-010'],
    );
  });

  it('a cluster id that is no cluster, or a cluster that does not exist, is a usage error', async () => {
    await assert.rejects(azureScan(contosoAzure(), '/subscriptions/x/resourceGroups/y'), LiveSourceError);
    await assert.rejects(
      azureScan(contosoAzure(), CLUSTER_ID.replace('aks-contoso-prod', 'nope')),
      /no such managed cluster \(404 from Azure Resource Manager\)/,
    );
  });

  it('--azure-cluster auto: the cluster serving the kubeconfig API server, found with Resource Graph', async () => {
    const azure = contosoAzure();
    const id = await findClusterByServer(`https://${CLUSTER_FQDN}:443`, {
      credential: azure.credential,
      httpClient: azure.httpClient,
    });
    assert.equal(id, CLUSTER_ID);
    await assert.rejects(
      findClusterByServer('https://127.0.0.1:6443', {
        credential: azure.credential,
        httpClient: azure.httpClient,
      }),
      /not an AKS endpoint/,
    );
  });
});

describe('Kubernetes API and Azure together: cross-layer findings on live data', () => {
  let fixture: LiveFixture;
  before(async () => {
    fixture = await liveFixture();
  });
  after(() => fixture.close());

  it('NetworkPolicies in the cluster with no policy engine in Azure, and a snapshot of both scans the same', async () => {
    const azure = contosoAzure();
    const k8s = new KubernetesSource({ kubeconfig: fixture.kubeconfig });
    const arm = new AzureClusterSource(CLUSTER_ID, {
      credential: azure.credential,
      httpClient: azure.httpClient,
    });
    const report = await scan({
      paths: [],
      sources: [k8s, arm],
      config: false,
      cwd: fixture.dir,
      today: '2026-01-01',
    });
    const cross = report.findings.find((f) => f.ruleId === 'X-NET-policiesNotEnforced');
    assert.ok(cross, 'policies without an enforcing engine');
    assert.ok(cross.resource.id ?? cross.resource.apiPath);
    assert.ok(!report.notEvaluated.some((n) => n.ruleId === 'AKS-NET-10' || n.ruleId === 'AKS-NET-12'));
    const dir = join(fixture.dir, 'both');
    writeSnapshot(dir, { kubernetes: k8s.lastRead!, azure: arm.lastRead! });
    const offline = await scan({ paths: [dir], config: false, cwd: fixture.dir, today: '2026-01-01' });
    assert.deepEqual(offline.findings, report.findings);
    assert.deepEqual(offline.notEvaluated, report.notEvaluated);
    assert.deepEqual(offline.coverage, report.coverage);
  });
});

describe('fleet scan from Azure Resource Graph', () => {
  function fleetOf(count: number) {
    const azure = fakeAzure();
    const base = contosoCluster();
    for (let i = 0; i < count; i++) {
      const name = `aks-${String(i).padStart(4, '0')}`;
      const properties = { ...(base.properties as Record<string, unknown>) };
      if (i % 3 === 0) properties.apiServerAccessProfile = { enablePrivateCluster: true };
      if (i % 5 === 0) properties.disableLocalAccounts = true;
      azure.graphRows.push({
        ...base,
        id: `/subscriptions/sub-${i % 4}/resourceGroups/rg-${i % 7}/providers/Microsoft.ContainerService/managedClusters/${name}`,
        name,
        properties,
      });
    }
    return azure;
  }

  it('asks 1,000 rows a page, follows $skipToken, waits out the quota, and reports every cluster worst first', async () => {
    const azure = fleetOf(600);
    // Resource Graph also cuts pages by size: fewer rows than asked, and a skipToken.
    azure.graphPageLimit = 250;
    azure.faults.graphQuota = 1;
    const result = await scanFleet({
      credential: azure.credential,
      httpClient: azure.httpClient,
      scope: { subscriptions: ['sub-0', 'sub-1', 'sub-2', 'sub-3'] },
      config: emptyConfig(),
      today: '2026-01-01',
    });
    const queries = azure.requests.filter((r) => r.path === '/providers/Microsoft.ResourceGraph/resources');
    assert.deepEqual(
      queries.map((r) => [
        (r.body!.options as Record<string, unknown>).$top,
        (r.body!.options as Record<string, unknown>).$skipToken !== undefined,
      ]),
      [
        [1000, false],
        [1000, true],
        [1000, true],
      ],
    );
    assert.deepEqual(queries[0]!.body?.subscriptions, ['sub-0', 'sub-1', 'sub-2', 'sub-3']);
    assert.equal(result.query.pages, 3);
    assert.equal(result.query.quotaWaitMs, 100);
    assert.equal(result.clusters.length, 600);
    // Private clusters with local accounts off are the least bad; the worst have neither.
    const worst = result.clusters[0]!.report.summary;
    const best = result.clusters.at(-1)!.report.summary;
    assert.ok(worst.critical >= best.critical && worst.high > best.high);
    const net03 = result.controls.find((c) => c.ruleId === 'AKS-NET-03')!;
    assert.equal(net03.failing, 400);
    const table = renderFleetTable(result);
    assert.match(
      table,
      /^Fleet of 600 AKS cluster\(s\) in 4 subscriptions \(Azure Resource Graph: 3 page\(s\)\)/,
    );
    assert.match(table, /AKS-NET-03 +critical +fails on 400 of 600/);
  });

  it('a throttled query (429 with Retry-After) is retried by the SDK', async () => {
    const azure = fleetOf(3);
    azure.faults.graphThrottle = 1;
    const result = await scanFleet({
      credential: azure.credential,
      httpClient: azure.httpClient,
      scope: {},
      config: emptyConfig(),
    });
    assert.equal(result.clusters.length, 3);
    assert.deepEqual(
      azure.requests.filter((r) => r.path.endsWith('/resources')).map((r) => r.status),
      [429, 200],
    );
  });

  it('resets-after hh:mm:ss', () => {
    assert.equal(resetsAfterMs('00:00:03'), 3000);
    assert.equal(resetsAfterMs('00:01:00.5'), 60_500);
    assert.equal(resetsAfterMs(undefined), 5000);
  });

  it('--with-kubernetes reads each cluster API with the user credentials Azure hands out; an unreachable one is coverage', async () => {
    const fixture = await liveFixture();
    try {
      const azure = fleetOf(2);
      const [reachable, privateOne] = azure.graphRows.map((row) => String(row.id));
      azure.kubeconfigs.set(reachable!.toLowerCase(), readFileSync(fixture.kubeconfig, 'utf8'));
      const unreachable = JSON.parse(readFileSync(fixture.kubeconfig, 'utf8'));
      unreachable.clusters[0].cluster.server = 'https://127.0.0.1:1';
      azure.kubeconfigs.set(privateOne!.toLowerCase(), JSON.stringify(unreachable));
      const result = await scanFleet({
        credential: azure.credential,
        httpClient: azure.httpClient,
        scope: {},
        config: emptyConfig(),
        withKubernetes: true,
        parallel: 2,
      });
      const byId = new Map(result.clusters.map((cluster) => [cluster.id, cluster.report]));
      const live = byId.get(reachable!)!;
      assert.equal(live.coverage.read['kubernetes-api'], 256);
      assert.ok(live.findings.some((f) => f.ruleId === 'X-NET-policiesNotEnforced'));
      const cut = byId.get(privateOne!)!;
      assert.match(cut.coverage.unreadable[0]!.reason, /cannot be reached/);
      assert.ok(cut.notEvaluated.some((n) => n.ruleId === 'WL-NS-nakedPod'));
      assert.equal(
        cut.findings.some((f) => f.ruleId.startsWith('WL-')),
        false,
      );
    } finally {
      await fixture.close();
    }
  });
});
