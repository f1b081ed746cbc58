/**
 * Synthetic workloads for the PSS benchmark: Deployments whose pod templates mix compliant and non-compliant
 * settings (a deterministic pseudo-random sequence, so every run measures the same input).
 */
import { stringify } from 'yaml';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Json = Record<string, unknown>;

function container(name: string, next: () => number): Json {
  const securityContext: Json = {};
  if (next() < 0.8) securityContext.allowPrivilegeEscalation = false;
  if (next() < 0.75)
    securityContext.capabilities = { drop: ['ALL'], ...(next() < 0.1 ? { add: ['NET_RAW'] } : {}) };
  if (next() < 0.05) securityContext.privileged = true;
  if (next() < 0.05) securityContext.runAsUser = 0;
  if (next() < 0.3) securityContext.readOnlyRootFilesystem = true;
  const c: Json = {
    name,
    image: `registry.example.azurecr.io/app/${name}:1.${Math.floor(next() * 20)}`,
    ports: [{ containerPort: 8080, ...(next() < 0.05 ? { hostPort: 8080 } : {}) }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    readinessProbe: {
      httpGet: { path: '/healthz', port: 8080, ...(next() < 0.03 ? { host: '10.0.0.1' } : {}) },
    },
    securityContext,
  };
  return c;
}

/** `count` Deployment manifests, one YAML document each. */
export function syntheticDeployments(count: number, seed = 42): string[] {
  const next = random(seed);
  const documents: string[] = [];
  for (let i = 0; i < count; i++) {
    const containers = [container('app', next)];
    if (next() < 0.3) containers.push(container('sidecar', next));
    const spec: Json = { containers };
    if (next() < 0.2) spec.initContainers = [container('init', next)];
    const podSecurity: Json = {};
    if (next() < 0.85) podSecurity.runAsNonRoot = true;
    if (next() < 0.8) podSecurity.seccompProfile = { type: next() < 0.95 ? 'RuntimeDefault' : 'Unconfined' };
    if (next() < 0.03) podSecurity.sysctls = [{ name: 'kernel.msgmax', value: '65536' }];
    spec.securityContext = podSecurity;
    if (next() < 0.05) spec.hostNetwork = true;
    spec.volumes = [
      { name: 'config', configMap: { name: `config-${i}` } },
      ...(next() < 0.05 ? [{ name: 'host', hostPath: { path: '/var/run/docker.sock' } }] : []),
    ];
    const labels = { app: `app-${i}` };
    documents.push(
      stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `app-${i}`, namespace: `team-${i % 50}` },
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: { metadata: { labels: { ...labels } }, spec },
        },
      }),
    );
  }
  return documents;
}
