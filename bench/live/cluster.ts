/** The live benchmark's cluster: the netpol benchmark's shape with Deployments, plus the RBAC benchmark's objects. */
import { FakeClusterState } from '../../test/fakes/clusterState.js';
import { generateCluster, REAL_CLUSTER } from '../netpol/generate.js';
import { syntheticRbac } from '../rbac/generate.js';

type Raw = Record<string, unknown>;

/** The netpol benchmark's cluster, its pods created by Deployments as a real API server has them. */
export function largeCluster(): FakeClusterState {
  const state = new FakeClusterState({
    nodes: Array.from({ length: 40 }, (_, i) => `aks-user-12345678-vmss${String(i).padStart(6, '0')}`),
  });
  const generated = generateCluster(REAL_CLUSTER);
  const deployments = new Map<string, Raw>();
  for (const { raw } of generated.objects) {
    const metadata = raw.metadata as Raw;
    if (raw.kind === 'Namespace' || raw.kind === 'NetworkPolicy') {
      state.apply(raw as Raw);
      continue;
    }
    if (raw.kind !== 'Pod' || metadata.namespace === 'kube-system') continue;
    const labels = { ...(metadata.labels as Record<string, string>) };
    delete labels['pod-template-hash'];
    const key = `${metadata.namespace}/${labels.app}`;
    if (deployments.has(key)) continue;
    const spec = raw.spec as { containers: Raw[] };
    deployments.set(key, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: labels.app, namespace: metadata.namespace, labels },
      spec: {
        replicas: REAL_CLUSTER.podsPerWorkload,
        selector: { matchLabels: { app: labels.app } },
        template: {
          metadata: { labels },
          spec: {
            containers: spec.containers.map((c) => ({
              ...c,
              image: `contosoregistry.azurecr.io/${c.image}:1.4.2`,
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            })),
          },
        },
      },
    });
  }
  for (const deployment of deployments.values()) state.apply(deployment);
  const rbac = syntheticRbac({ roles: 4000, bindings: 6000, subjects: 3000, namespaces: 600 });
  for (const { raw } of rbac.objects) {
    const metadata = raw.metadata as Raw;
    if (metadata.namespace !== undefined)
      metadata.namespace = `ns-${String(metadata.namespace).replace(/^team-/, '')}`;
    state.apply({ apiVersion: 'rbac.authorization.k8s.io/v1', ...raw } as Raw);
  }
  return state;
}
