import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeInventory } from '../../src/engines/netpol/index.js';
import { loadInventory } from '../../src/load/index.js';
import type { Report } from '../../src/report/report.js';
import { runCli, tempTree } from '../support/cli.js';

// A repository with two clusters (the shop's and a backup cluster) and the shop's manifests: a public
// LoadBalancer (store-admin), a NetworkPolicy, no IMDS block. Neither cluster has a network policy engine.
const cluster = (name: string) => `resource "azurerm_kubernetes_cluster" "${name}" {
  name                = "${name}"
  location            = "westeurope"
  resource_group_name = "rg-${name}"
  dns_prefix          = "${name}"
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
  identity {
    type = "SystemAssigned"
  }
}
`;
const manifests = `apiVersion: v1
kind: Service
metadata:
  name: store-admin
  namespace: shop
spec:
  type: LoadBalancer
  selector: { app: store-admin }
  ports: [{ port: 80 }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;
const CLUSTER_RULES = ['AKS-NET-10', 'AKS-NET-12', 'X-NET-policiesNotEnforced'];

async function scanRepo(files: Record<string, string>, extra: string[] = []) {
  const tree = tempTree({
    'infra/shop/main.tf': cluster('shop'),
    'infra/backup/main.tf': cluster('backup'),
    'k8s/shop.yaml': manifests,
    ...files,
  });
  try {
    const args = ['scan', '.', ...extra, '-o', 'json', '--fail-on', 'none'];
    for (const rule of CLUSTER_RULES) args.push('--rule', rule);
    const result = await runCli(args, { cwd: tree.dir });
    assert.notEqual(result.code, 3, result.stderr);
    const report = JSON.parse(result.stdout) as Report;
    const fired = report.findings.map((finding) => `${finding.ruleId} ${finding.resource.name}`).sort();
    return { report, fired };
  } finally {
    tree.cleanup();
  }
}

describe('cluster scopes: which manifests run on which cluster', () => {
  it('several clusters and no tie: no cluster-specific finding pairs a cluster with manifests; coverage lists them', async () => {
    const { report, fired } = await scanRepo({}, ['--no-config']);
    assert.deepEqual(fired, []);
    const untied = report.coverage.skipped.filter((entry) => entry.category === 'not-tied');
    assert.deepEqual(
      untied.map((entry) => entry.path),
      ['k8s/shop.yaml'],
    );
    assert.equal(untied[0]!.significant, true);
    assert.match(untied[0]!.reason, /2 AKS clusters \(.*shop.*backup|backup.*shop/);
    // Not a pass either: the controls that need manifests say why they were not evaluated.
    assert.ok(
      report.notEvaluated.some(
        (entry) => entry.ruleId === 'AKS-NET-10' && /no manifests tied to this cluster/.test(entry.reason),
      ),
    );
  });

  it('.aksguard.yaml clusters: ties the manifests to the shop cluster only', async () => {
    const { report, fired } = await scanRepo({
      '.aksguard.yaml': 'clusters:\n  - definition: infra/shop/main.tf\n    manifests: ["k8s/**"]\n',
    });
    assert.deepEqual(fired, ['AKS-NET-10 shop', 'AKS-NET-12 shop', 'X-NET-policiesNotEnforced shop']);
    assert.deepEqual(
      report.coverage.skipped.filter((entry) => entry.category === 'not-tied'),
      [],
    );
  });

  it('--cluster FILE ties every manifest to the clusters of FILE (the command line wins over the configuration)', async () => {
    const { fired } = await scanRepo(
      { '.aksguard.yaml': 'clusters:\n  - definition: infra/shop\n    manifests: ["k8s/**"]\n' },
      ['--cluster', 'infra/backup/main.tf'],
    );
    assert.deepEqual(fired, ['AKS-NET-10 backup', 'AKS-NET-12 backup', 'X-NET-policiesNotEnforced backup']);
  });

  it('one cluster in the input runs every manifest', async () => {
    const tree = tempTree({ 'infra/main.tf': cluster('shop'), 'k8s/shop.yaml': manifests });
    try {
      const args = ['scan', '.', '--no-config', '-o', 'json', '--fail-on', 'none'];
      for (const rule of CLUSTER_RULES) args.push('--rule', rule);
      const report = JSON.parse((await runCli(args, { cwd: tree.dir })).stdout) as Report;
      assert.equal(report.findings.length, 3);
      assert.equal(report.coverage.skipped.length, 0);
    } finally {
      tree.cleanup();
    }
  });

  it('a tie whose definition defines no cluster is a note naming the configuration line', async () => {
    const { report } = await scanRepo({
      '.aksguard.yaml':
        'clusters:\n  - definition: infra/shop/main.tf\n    manifests: ["k8s/**"]\n  - definition: infra/gone.tf\n    manifests: ["k8s/**"]\n',
    });
    const note = report.notes.find((entry) => /gone\.tf/.test(entry.message));
    assert.equal(note?.file, '.aksguard.yaml:4');
  });

  it('the netpol engine auto uses the cluster the manifests are tied to, and Kubernetes semantics otherwise', async () => {
    const cilium = cluster('shop').replace(
      '  identity {',
      '  network_profile {\n    network_plugin     = "azure"\n    network_data_plane = "cilium"\n  }\n  identity {',
    );
    const tree = tempTree({
      'infra/shop/main.tf': cilium,
      'infra/backup/main.tf': cluster('backup'),
      'k8s/shop.yaml': manifests,
    });
    try {
      const engineWith = async (ties: Parameters<typeof loadInventory>[0]['ties']) => {
        const inventory = await loadInventory({ paths: ['.'], cwd: tree.dir, ...(ties ? { ties } : {}) });
        const analysis = analyzeInventory(inventory);
        return `${analysis.engine}: ${analysis.engineWhy}`;
      };
      assert.match(await engineWith(undefined), /^spec: no cluster definition/);
      const shop = { definition: join(tree.dir, 'infra/shop'), base: tree.dir, manifests: ['k8s/**'] };
      assert.match(
        await engineWith([{ ...shop, source: 'configuration', origin: '.aksguard.yaml:2' }]),
        /^cilium: /,
      );
      const backup = { ...shop, definition: join(tree.dir, 'infra/backup') };
      assert.match(
        await engineWith([{ ...backup, source: 'configuration', origin: '.aksguard.yaml:2' }]),
        /^none: /,
      );
    } finally {
      tree.cleanup();
    }
  });
});

describe('aksguard fix --cluster with several clusters of one name', () => {
  it('names each cluster by its file in the header', async () => {
    const tree = tempTree({
      'a/main.tf': cluster('aks-cluster'),
      'b/main.tf': cluster('aks-cluster'),
      'c/main.tf': cluster('aks-cluster'),
    });
    try {
      const result = await runCli(
        ['fix', '--cluster', 'a/main.tf', '--cluster', 'b/main.tf', '--cluster', 'c/main.tf'],
        { cwd: tree.dir },
      );
      const headers = result.stdout.split('\n').filter((line) => line.startsWith('# Cluster '));
      assert.deepEqual(headers, [
        '# Cluster aks-cluster (resource group <RESOURCE_GROUP>, a/main.tf:1)',
        '# Cluster aks-cluster (resource group <RESOURCE_GROUP>, b/main.tf:1)',
        '# Cluster aks-cluster (resource group <RESOURCE_GROUP>, c/main.tf:1)',
      ]);
    } finally {
      tree.cleanup();
    }
  });
});
