import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tempTree } from '../../test/support/tempTree.js';
import { scan } from '../scan.js';
import { WORKLOAD_KINDS, workloadPod } from './workloadKinds.js';

const MONITORING = `apiVersion: v1
kind: Namespace
metadata: { name: monitoring }
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: k8s, namespace: monitoring }
spec:
  image: quay.io/prometheus/prometheus:v3.5.0
  podMetadata:
    labels: { app.kubernetes.io/component: prometheus, app.kubernetes.io/part-of: kube-prometheus }
  serviceAccountName: prometheus-k8s
  securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 2000 }
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec:
  podMetadata:
    labels: { app.kubernetes.io/component: alert-router }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: prometheus-k8s, namespace: monitoring }
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/component: prometheus
      app.kubernetes.io/instance: k8s
      app.kubernetes.io/name: prometheus
      app.kubernetes.io/part-of: kube-prometheus
  policyTypes: [Ingress]
  ingress: [{ ports: [{ port: 9090, protocol: TCP }] }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: alertmanager-main, namespace: monitoring }
spec:
  podSelector:
    matchLabels: { alertmanager: main, app.kubernetes.io/component: alert-router }
  policyTypes: [Ingress]
`;

const ROLLOUT = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      serviceAccountName: deployer
      containers:
        - name: web
          image: contoso.azurecr.io/web:1.0
          securityContext:
            privileged: true
---
apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata: { name: api, namespace: shop }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: api
          image: contoso.azurecr.io/api:1.0
          securityContext:
            allowPrivilegeEscalation: true
---
apiVersion: keda.sh/v1alpha1
kind: ScaledJob
metadata: { name: worker, namespace: shop }
spec:
  jobTargetRef:
    template:
      spec:
        hostNetwork: true
        containers:
          - name: worker
            image: contoso.azurecr.io/worker:1.0
  triggers: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: deployer-admin }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: ServiceAccount, name: deployer, namespace: shop }]
`;

async function run(files: Record<string, string>, only: string[]) {
  const tree = tempTree(files);
  try {
    const report = await scan({ paths: ['.'], cwd: tree.dir, config: false, only });
    return report.findings.map(
      (f) => `${f.ruleId} ${f.resource.kind} ${f.resource.name}:${f.location?.line}`,
    );
  } finally {
    tree.cleanup();
  }
}

describe('pods that operators create', () => {
  it('labels the pods of Prometheus and Alertmanager as the operator does (NP-noEffect stays quiet)', async () => {
    assert.deepEqual(await run({ 'kp.yaml': MONITORING }, ['NP-noEffect']), []);
    const pod = workloadPod(
      { metadata: { name: 'k8s' }, spec: { podMetadata: { labels: { 'app.kubernetes.io/instance': 'x' } } } },
      'Prometheus',
      'monitoring.coreos.com',
    );
    // The operator's selector labels win over podMetadata (maps.Copy order in statefulset.go).
    assert.equal(pod?.labels['app.kubernetes.io/instance'], 'k8s');
    assert.equal(pod?.labels['operator.prometheus.io/shard'], '0');
  });

  it('judges their pod fields: the operator hardens its container, the CR gives the pod settings', async () => {
    const findings = await run({ 'kp.yaml': MONITORING }, [
      'WL-HARD-readOnlyRootFs',
      'WL-PSS-allowPrivilegeEscalation',
      'WL-PSS-seccompProfile_restricted',
    ]);
    // No seccomp profile at the pod level: restricted refuses both; the container hardening passes.
    assert.deepEqual(findings, [
      'WL-PSS-seccompProfile_restricted Prometheus k8s:8',
      'WL-PSS-seccompProfile_restricted Alertmanager main:18',
    ]);
  });

  it('treats Rollout, CloneSet and ScaledJob as workloads for PSS and RBAC', async () => {
    const findings = await run({ 'app.yaml': ROLLOUT }, [
      'WL-PSS-privileged',
      'WL-PSS-allowPrivilegeEscalation',
      'WL-PSS-hostNamespaces',
      'RBAC-WK-080',
    ]);
    assert.deepEqual(findings.sort(), [
      'RBAC-WK-080 Rollout web:9',
      'WL-PSS-allowPrivilegeEscalation CloneSet api:28',
      'WL-PSS-allowPrivilegeEscalation Rollout web:13',
      'WL-PSS-allowPrivilegeEscalation ScaledJob worker:39',
      'WL-PSS-hostNamespaces ScaledJob worker:37',
      'WL-PSS-privileged Rollout web:14',
    ]);
  });

  it('has one table with a source for every kind', () => {
    for (const entry of WORKLOAD_KINDS) assert.ok(entry.source.length > 10, entry.kind);
    assert.deepEqual(
      WORKLOAD_KINDS.filter((entry) => entry.group !== undefined).map(
        (entry) => `${entry.group}/${entry.kind}`,
      ),
      [
        'argoproj.io/Rollout',
        'apps.kruise.io/CloneSet',
        'keda.sh/ScaledJob',
        'monitoring.coreos.com/Prometheus',
        'monitoring.coreos.com/Alertmanager',
        'monitoring.coreos.com/ThanosRuler',
      ],
    );
  });
});
