/**
 * The YAML reader on hostile and large inputs (issue 9): a flood of tiny documents (refused early, and read
 * linearly below the limit), a 1 MB ConfigMap value through every rule, and the reader against js-yaml's loadAll
 * on realistic manifests. Each growth factor compares 1× with 10× the input: linear reads ≈ 10.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadAll } from 'js-yaml';
import { parseYamlFile } from '../src/load/yaml.js';
import { scan } from '../src/scan.js';

function time<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

async function timeAsync<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

const rss = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB peak RSS`;

function tinyDocuments(count: number): string {
  return 'x: 1\n---\n'.repeat(count);
}

function configMap(valueBytes: number): string {
  const line = 'spring.datasource.url=jdbc:postgresql://db:5432/app?user=app&password=$(DB_PASSWORD)\n';
  const value = line.repeat(Math.ceil(valueBytes / line.length)).slice(0, valueBytes);
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  namespace: app\ndata:\n  application.properties: ${JSON.stringify(value)}\n`;
}

function manifests(count: number): string {
  const docs: string[] = [];
  for (let index = 0; index < count; index++)
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-${index}
  namespace: team-${index % 10}
  labels: { app: svc-${index}, tier: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: svc-${index} } }
  template:
    metadata: { labels: { app: svc-${index} } }
    spec:
      containers:
        - name: app
          image: contoso.azurecr.io/svc-${index}:1.${index}.0
          ports: [{ containerPort: 8080, name: http }]
          env:
            - { name: LOG_LEVEL, value: info }
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }
          resources: { requests: { cpu: 50m, memory: 64Mi }, limits: { memory: 128Mi } }`);
  return `${docs.join('\n---\n')}\n`;
}

function growth(small: number, large: number): string {
  return `growth ×${(large / small).toFixed(1)} for 10× the input`;
}

export async function runYamlBench(): Promise<void> {
  console.log('## yaml: the kubectl-faithful reader on floods and large values');

  const flood = tinyDocuments(2_000_000);
  const refused = time(() => parseYamlFile('flood.yaml', flood));
  console.log(
    `18 MB file of 2,000,000 tiny documents: refused in ${refused.ms.toFixed(0)} ms (${refused.result.issues[0]?.message}), ${rss()}`,
  );

  const small = time(() => parseYamlFile('a.yaml', tinyDocuments(20_000), { maxDocuments: 2_000_000 }));
  const large = time(() => parseYamlFile('b.yaml', tinyDocuments(200_000), { maxDocuments: 2_000_000 }));
  console.log(
    `tiny documents read: 20,000 in ${small.ms.toFixed(0)} ms, 200,000 in ${large.ms.toFixed(0)} ms (${growth(small.ms, large.ms)}), ${rss()}`,
  );

  const directory = mkdtempSync(join(tmpdir(), 'aksguard-bench-yaml-'));
  try {
    const results: number[] = [];
    for (const bytes of [100_000, 1_000_000]) {
      writeFileSync(join(directory, 'cm.yaml'), configMap(bytes));
      const run = await timeAsync(() => scan({ paths: ['cm.yaml'], cwd: directory, config: false }));
      results.push(run.ms);
      console.log(
        `ConfigMap with a ${bytes / 1000} KB value, full scan: ${run.ms.toFixed(0)} ms, ${run.result.findings.length} findings, ${rss()}`,
      );
    }
    console.log(`ConfigMap value: ${growth(results[0]!, results[1]!)}`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }

  const text = manifests(5_000);
  // Warm both once, then measure.
  parseYamlFile('warm.yaml', manifests(200));
  loadAll(manifests(200));
  const ours = time(() => parseYamlFile('m.yaml', text));
  const theirs = time(() => loadAll(text));
  console.log(
    `5,000 Deployments (${(text.length / 1e6).toFixed(1)} MB): aksguard reader ${ours.ms.toFixed(0)} ms (values, positions, go-yaml v2 rules), js-yaml loadAll ${theirs.ms.toFixed(0)} ms (values only), ratio ${(ours.ms / theirs.ms).toFixed(2)}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runYamlBench();
