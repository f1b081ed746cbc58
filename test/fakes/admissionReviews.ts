/**
 * The AdmissionReviews the webhook's benchmark and tests send: the Deployments of the AKS store demo (test/fakes/cluster.ts)
 * and the Pods their ReplicaSets created, as the API server sends them (defaults, service account volumes, owner
 * references), one JSON text each.
 */
import { emptyConfig } from '../../src/config/config.js';
import { defaultSettings } from '../../src/rules/defineRule.js';
import { allRules } from '../../src/rules/index.js';
import { AdmissionEngine } from '../../src/serve/engine.js';
import { parseModePolicy } from '../../src/serve/modes.js';
import { realisticCluster } from './cluster.js';

function apiVersionOf(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** AdmissionReviews of the demo's Deployments and of the Pods their ReplicaSets made. */
export function admissionReviews(): string[] {
  const state = realisticCluster();
  const out: string[] = [];
  for (const stored of state.objects) {
    if (stored.namespace !== 'pets' || !['Deployment', 'Pod'].includes(stored.info.kind)) continue;
    const { group, version, kind, resource } = stored.info;
    const object = { apiVersion: apiVersionOf(group, version), kind, ...stored.body };
    out.push(
      JSON.stringify({
        apiVersion: 'admission.k8s.io/v1',
        kind: 'AdmissionReview',
        request: {
          uid: `bench-${out.length}`,
          kind: { group, version, kind },
          resource: { group, version, resource },
          requestKind: { group, version, kind },
          requestResource: { group, version, resource },
          name: stored.name,
          namespace: stored.namespace,
          operation: 'CREATE',
          userInfo:
            kind === 'Pod'
              ? { username: 'system:serviceaccount:kube-system:replicaset-controller' }
              : { username: 'alice@contoso.com', groups: ['system:authenticated'] },
          object,
          oldObject: null,
          dryRun: false,
          options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
        },
      }),
    );
  }
  return out;
}

/**
 * The engine these reviews are judged by in the benchmark and the tests: every rule, the chart's modes (warn, high and
 * critical enforced), the demo's namespace as the cache knows it (no Pod Security labels: judged at restricted).
 */
export function demoEngine(ruleRun: 'lean' | 'full' = 'lean'): AdmissionEngine {
  return new AdmissionEngine({
    rules: allRules,
    config: emptyConfig(),
    settings: defaultSettings(),
    modes: parseModePolicy('warn', ['critical=enforce', 'high=enforce']),
    namespaces: {
      labels: (name) => (name === 'pets' ? { 'kubernetes.io/metadata.name': 'pets' } : undefined),
    },
    ruleRun,
  });
}
