import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadInventory } from '../src/load/index.js';
import { scan } from '../src/scan.js';

/** A realistic application: a namespace with Deployments, Services, ConfigMaps, a Secret and policies. */
export function appFile(index: number, workloads: number): string {
  const namespace = `team-${index}`;
  const docs = [
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${namespace}\n  labels:\n    pod-security.kubernetes.io/enforce: baseline`,
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: ${namespace}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]`,
  ];
  for (let w = 0; w < workloads; w++) {
    const name = `svc-${w}`;
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  replicas: 2
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name}, tier: ${w % 3 === 0 ? 'db' : 'web'} }
    spec:
      serviceAccountName: ${name}
      containers:
        - name: app
          image: ${w % 2 === 0 ? 'contoso.azurecr.io' : 'ghcr.io/acme'}/${name}:1.${w}.0
          ports: [{ containerPort: ${w % 3 === 0 ? 5432 : 8080}, name: http }]
          env:
            - { name: LOG_LEVEL, value: info }
            - { name: DB_PASSWORD, valueFrom: { secretKeyRef: { name: db, key: password } } }
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
          resources:
            requests: { cpu: 50m, memory: 64Mi }
            limits: { memory: 128Mi }`);
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  type: ${w === 0 ? 'LoadBalancer' : 'ClusterIP'}
  selector: { app: ${name} }
  ports: [{ port: 80, targetPort: http }]`);
    docs.push(`apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${namespace}`);
  }
  return `${docs.join('\n---\n')}\n`;
}

function time<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  return run().then((result) => ({ result, ms: performance.now() - started }));
}

export async function runScanBench(): Promise<void> {
  console.log('## scan: loader and all rules on generated manifests');
  for (const [files, perFile] of [
    [100, 10],
    [500, 10],
  ] as const) {
    const directory = mkdtempSync(join(tmpdir(), 'aksguard-bench-'));
    try {
      mkdirSync(join(directory, 'apps'));
      for (let index = 0; index < files; index++)
        writeFileSync(join(directory, 'apps', `app-${index}.yaml`), appFile(index, perFile));
      const load = await time(() => loadInventory({ paths: ['.'], cwd: directory }));
      const full = await time(() => scan({ paths: ['.'], cwd: directory, config: false }));
      const objects = load.result.objects.length;
      const rate = (objects / (load.ms / 1000)).toFixed(0);
      console.log(
        `${files} files, ${objects} objects, ${load.result.podTemplates.length} pod templates: load ${load.ms.toFixed(0)} ms (${rate} objects/s), full scan ${full.ms.toFixed(0)} ms, ${full.result.findings.length} findings, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }
  const corpora = fileURLToPath(new URL('../../shared/corpora/', import.meta.url));
  try {
    const corpus = await time(() => scan({ paths: [corpora], config: false }));
    console.log(
      `../shared/corpora: ${corpus.result.inputs.files} files, ${corpus.result.inputs.objects} objects, ${corpus.result.inputs.clusters} clusters: full scan ${corpus.ms.toFixed(0)} ms, ${corpus.result.errors.length} input errors reported`,
    );
  } catch {
    console.log('../shared/corpora not present: corpus timing skipped');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runScanBench();
