import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { runCli, tempTree } from '../support/cli.js';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: api
          image: contoso.azurecr.io/api:1
`;

describe('aksguard fix (workloads)', () => {
  it('prints a strategic-merge patch per failing workload, and the patched workload passes pss check', async () => {
    const tree = tempTree({ 'd.yaml': deployment });
    try {
      const before = await runCli(['pss', 'check', '.', '-o', 'json'], { cwd: tree.dir });
      assert.equal(before.code, 1);
      const result = await runCli(['fix', '.', '--level', 'restricted'], { cwd: tree.dir });
      assert.equal(result.code, 0);
      assert.match(
        result.stdout,
        /# Deployment shop\/api \(d\.yaml:1\)\n# kubectl patch deployment api -n shop --type strategic --patch-file patch\.yaml\n/,
      );
      const json = JSON.parse((await runCli(['fix', '.', '-o', 'json'], { cwd: tree.dir })).stdout) as {
        workloads: { patch: string }[];
      };
      assert.equal(json.workloads.length, 1);
      const patch = parse(json.workloads[0]!.patch) as {
        spec: { template: { spec: Record<string, unknown> } };
      };
      const object = parse(deployment) as {
        spec: { template: { spec: Record<string, unknown> & { containers: Record<string, unknown>[] } } };
      };
      const patchedSpec = patch.spec.template.spec as {
        securityContext: unknown;
        containers: { securityContext: unknown }[];
      };
      object.spec.template.spec.securityContext = patchedSpec.securityContext;
      object.spec.template.spec.containers[0]!.securityContext = patchedSpec.containers[0]!.securityContext;
      const { stringify } = await import('yaml');
      const patched = tempTree({
        'd.yaml': stringify(object, { nullStr: '' }).replace(/^\s*localhostProfile:\s*$/m, ''),
      });
      try {
        const after = await runCli(['pss', 'check', '.', '-o', 'json'], { cwd: patched.dir });
        assert.equal(after.code, 0, after.stdout);
      } finally {
        patched.cleanup();
      }
    } finally {
      tree.cleanup();
    }
  });

  it('needs something to fix', async () => {
    const result = await runCli(['fix']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /give manifests and\/or --cluster FILE/);
  });

  it('prints the az aks update commands and Terraform changes for a cluster given with --cluster', async () => {
    const tree = tempTree({
      'cluster.json': JSON.stringify({
        id: '/subscriptions/0000/resourceGroups/rg-shop/providers/Microsoft.ContainerService/managedClusters/shop',
        name: 'shop',
        type: 'Microsoft.ContainerService/ManagedClusters',
        location: 'westeurope',
        properties: {
          kubernetesVersion: '1.33.2',
          enableRBAC: true,
          disableLocalAccounts: false,
          agentPoolProfiles: [{ name: 'system', mode: 'System', count: 3, osType: 'Linux' }],
          networkProfile: { networkPlugin: 'azure', networkPolicy: 'none' },
        },
      }),
    });
    try {
      const result = await runCli(['fix', '--cluster', 'cluster.json'], { cwd: tree.dir });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /# Cluster shop \(resource group rg-shop, [^)]+\)/);
      assert.match(result.stdout, /^az aks update -g rg-shop -n shop .*--disable-local-accounts/m);
      const json = JSON.parse(
        (await runCli(['fix', '--cluster', 'cluster.json', '-o', 'json'], { cwd: tree.dir })).stdout,
      ) as {
        clusters: { azCommands: string[] }[];
      };
      assert.ok(json.clusters[0]!.azCommands.length > 0);
    } finally {
      tree.cleanup();
    }
  });

  it('leaves out the controls the configuration switches off', async () => {
    const tree = tempTree({
      'cluster.json': JSON.stringify({
        id: '/subscriptions/0000/resourceGroups/rg-shop/providers/Microsoft.ContainerService/managedClusters/shop',
        name: 'shop',
        type: 'Microsoft.ContainerService/ManagedClusters',
        location: 'westeurope',
        properties: {
          kubernetesVersion: '1.33.2',
          enableRBAC: true,
          disableLocalAccounts: false,
          agentPoolProfiles: [{ name: 'system', mode: 'System', count: 3, osType: 'Linux' }],
          networkProfile: { networkPlugin: 'azure', networkPolicy: 'none' },
        },
      }),
    });
    try {
      writeFileSync(join(tree.dir, '.aksguard.yaml'), 'rules:\n  AKS-IAM-04: off\n');
      const result = await runCli(['fix', '--cluster', 'cluster.json'], { cwd: tree.dir });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /# Cluster shop \(resource group rg-shop, [^)]+\)/);
      assert.doesNotMatch(result.stdout, /--disable-local-accounts/);
    } finally {
      tree.cleanup();
    }
  });

  it('dispatches fix netpol to the network-policy generator', async () => {
    const tree = tempTree({ 'd.yaml': deployment });
    try {
      const result = await runCli(['fix', 'netpol', '-f', '.', '--engine', 'azure'], { cwd: tree.dir });
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stdout,
        /kind: NetworkPolicy\nmetadata:\n {2}name: default-deny\n {2}namespace: shop/,
      );
    } finally {
      tree.cleanup();
    }
  });
});
