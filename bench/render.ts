/**
 * Helm and Kustomize rendering: a generated chart of 50 templates (a Deployment, Service and ServiceAccount
 * behind helpers and values) scanned with the packaged helm, against the same objects scanned as plain YAML; and the
 * cost of rendering alone. Needs the helm/kubectl of the devDependency (linux-x64); skipped elsewhere.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { displayPath } from '../src/load/files.js';
import { scan } from '../src/scan.js';
import { findHelm } from '../src/sources/render/binaries.js';
import { renderHelmChart } from '../src/sources/render/helm.js';
import { defaultRenderSettings } from '../src/sources/render/types.js';
import { testBinaries } from '../test/support/binaries.js';

const TEMPLATES = 50;
const RUNS = 5;

function chart(dir: string): void {
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: big\nversion: 1.0.0\n');
  const services = Array.from(
    { length: TEMPLATES },
    (_, index) => `  - name: svc-${index}\n    port: ${8000 + index}`,
  );
  writeFileSync(
    join(dir, 'values.yaml'),
    `image: {registry: contoso.azurecr.io, tag: "1.0.0"}\nsecurityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true}\nservices:\n${services.join('\n')}\n`,
  );
  writeFileSync(
    join(dir, 'templates/_helpers.tpl'),
    '{{- define "big.labels" -}}\napp.kubernetes.io/instance: {{ .Release.Name }}\napp.kubernetes.io/managed-by: Helm\n{{- end -}}\n',
  );
  for (let index = 0; index < TEMPLATES; index++)
    writeFileSync(
      join(dir, `templates/svc-${index}.yaml`),
      `{{- $svc := index .Values.services ${index} }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $svc.name }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $svc.name }}
  labels:
    {{- include "big.labels" . | nindent 4 }}
spec:
  selector: {app: {{ $svc.name }}}
  ports:
    - port: {{ $svc.port }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $svc.name }}
  labels:
    {{- include "big.labels" . | nindent 4 }}
spec:
  replicas: 2
  selector:
    matchLabels: {app: {{ $svc.name }}}
  template:
    metadata:
      labels: {app: {{ $svc.name }}}
    spec:
      serviceAccountName: {{ $svc.name }}
      containers:
        - name: app
          image: "{{ .Values.image.registry }}/{{ $svc.name }}:{{ .Values.image.tag }}"
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          ports:
            - containerPort: {{ $svc.port }}
`,
    );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const binaries = testBinaries();
if (typeof binaries === 'string') {
  console.log(`render: skipped (${binaries})`);
} else {
  const root = mkdtempSync(join(tmpdir(), 'aksguard-bench-render-'));
  try {
    const folder = join(root, 'big');
    chart(folder);
    const env = { PATH: binaries.folder };
    const context = { cwd: root, env, display: (absolute: string) => displayPath(root, absolute) };
    const helm = await findHelm(undefined, root, env);
    let rendered = '';
    const renderTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      await renderHelmChart(folder, {
        helm,
        settings: defaultRenderSettings(),
        context,
        onOutput: (text) => {
          rendered = text;
        },
      });
      renderTimes.push(performance.now() - started);
    }
    writeFileSync(join(root, 'rendered.yaml'), rendered);
    const chartTimes: number[] = [];
    const plainTimes: number[] = [];
    let objects = 0;
    for (let run = 0; run < RUNS; run++) {
      let started = performance.now();
      const report = await scan({ paths: ['big'], cwd: root, config: false, env });
      chartTimes.push(performance.now() - started);
      objects = report.inputs.objects;
      started = performance.now();
      await scan({ paths: ['rendered.yaml'], cwd: root, config: false, env });
      plainTimes.push(performance.now() - started);
    }
    console.log(
      `render: chart of ${TEMPLATES} templates, ${objects} objects, helm ${'renderer' in helm ? helm.renderer.version : '?'} (median of ${RUNS})`,
    );
    console.log(`  helm template + mapping to templates   ${median(renderTimes).toFixed(0)} ms`);
    console.log(`  aksguard scan of the chart             ${median(chartTimes).toFixed(0)} ms`);
    console.log(`  aksguard scan of the same output, YAML ${median(plainTimes).toFixed(0)} ms`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
