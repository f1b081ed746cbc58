/** The engine on a loaded inventory: engine, Kubernetes version and pod CIDR come from the AKS cluster. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadInventory } from '../../load/index.js';
import { analyzeInventory, clusterRestrictsImds, formatConnSet, resolveEndpoints } from './index.js';

const cluster = (networkProfile: Record<string, unknown>, kubernetesVersion = '1.31.5') =>
  JSON.stringify({
    id: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1',
    name: 'aks1',
    type: 'Microsoft.ContainerService/ManagedClusters',
    location: 'westeurope',
    properties: {
      kubernetesVersion,
      dnsPrefix: 'aks1',
      networkProfile,
      agentPoolProfiles: [{ name: 'system', mode: 'System' }],
    },
  });

const APP = `apiVersion: v1
kind: Pod
metadata: { name: a, namespace: x, labels: { app: a } }
spec: { containers: [{ name: c, image: i }] }
---
apiVersion: v1
kind: Pod
metadata: { name: b, namespace: x, labels: { app: b } }
spec: { containers: [{ name: c, image: i }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: a, namespace: x }
spec:
  podSelector: { matchLabels: { app: a } }
  ingress: [{ ports: [{ port: 8000, endPort: 8080 }] }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: b, namespace: x }
spec:
  podSelector: { matchLabels: { app: b } }
  policyTypes: [Ingress]
  ingress: [{ from: [{ ipBlock: { cidr: 192.168.0.0/16 } }] }]
`;

describe('analyzeInventory', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'aksguard-netpol-inv-'));
    writeFileSync(join(dir, 'app.yaml'), APP);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function verdict(profile: Record<string, unknown>, from: string, to: string) {
    writeFileSync(join(dir, 'cluster.json'), cluster(profile));
    const inventory = await loadInventory({ paths: ['.'], cwd: dir });
    const analysis = analyzeInventory(inventory);
    const [src] = resolveEndpoints(analysis, from, 'source');
    const [dst] = resolveEndpoints(analysis, to, 'destination');
    return {
      engine: analysis.engine,
      conns: formatConnSet(analysis.allowed(src!, dst!)),
      cluster: inventory.clusters[0],
    };
  }

  it('Cilium on Kubernetes 1.31 (Cilium before 1.17) enforces only the start of an endPort range', async () => {
    const r = await verdict(
      { networkPlugin: 'azure', networkPolicy: 'cilium', networkDataplane: 'cilium' },
      'x/b',
      'x/a',
    );
    assert.deepEqual([r.engine, r.conns], ['cilium', 'TCP 8000']);
  });

  it('Azure NPM matches pods by the cluster pod CIDR', async () => {
    const inside = await verdict(
      { networkPlugin: 'kubenet', networkPolicy: 'azure', podCidr: '192.168.0.0/16' },
      'x/a',
      'x/b',
    );
    assert.deepEqual([inside.engine, inside.conns], ['azure', 'All Connections']);
    const outside = await verdict(
      { networkPlugin: 'kubenet', networkPolicy: 'azure', podCidr: '10.244.0.0/16' },
      'x/a',
      'x/b',
    );
    assert.equal(outside.conns, 'No Connections');
  });

  it('reads the IMDS restriction from podLinkLocalAccess', async () => {
    assert.equal(
      clusterRestrictsImds((await verdict({ podLinkLocalAccess: 'None' }, 'x/a', 'x/b')).cluster),
      true,
    );
    assert.equal(
      clusterRestrictsImds((await verdict({ podLinkLocalAccess: 'IMDS' }, 'x/a', 'x/b')).cluster),
      false,
    );
  });
});
