import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import type { Report } from '../../src/report/report.js';
import { testBinaries } from '../support/binaries.js';
import { runCli } from '../support/cli.js';
import { GOLDEN_CASES, goldenText, ROOT, renderGolden } from '../support/renderGoldens.js';
import { tempTree } from '../support/tempTree.js';

// The packaged helm and kubectl are linux-x64 builds; everywhere else (and only there) these tests are skipped.
const binaries = testBinaries();
const unavailable = typeof binaries === 'string' && process.platform === 'linux' && process.arch === 'x64';
if (unavailable) throw new Error(`helm/kubectl for the render tests: ${binaries}`);
const skip = typeof binaries === 'string' ? binaries : false;
const env = typeof binaries === 'string' ? {} : { PATH: binaries.folder };
const FIXTURE = 'test/fixtures/render';

async function scanJson(
  args: string[],
  environment = env,
): Promise<{ code: number; report: Report; stderr: string }> {
  const result = await runCli(['scan', ...args, '--no-config', '-o', 'json', '--fail-on', 'none'], {
    cwd: ROOT,
    env: environment,
  });
  return { code: result.code, report: JSON.parse(result.stdout) as Report, stderr: result.stderr };
}

describe('rendering with the real helm and kubectl', { skip }, () => {
  for (const golden of GOLDEN_CASES)
    it(`the golden output ${golden.name} is what the binaries render`, async () => {
      if (typeof binaries === 'string') return;
      assert.equal(await renderGolden(golden, binaries), goldenText(golden.name));
    });

  it('scan of a folder with a chart, an overlay over a base and loose manifests: every object once, located where it is edited', async () => {
    const { code, report } = await scanJson([FIXTURE]);
    assert.equal(code, 0);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.coverage, {
      read: { kubernetes: 2, kustomize: 1, helm: 1 },
      skipped: [],
      unreadable: [],
    });
    // 3 loose (the Service twice: kept once) + 6 built by the overlay + 6 rendered by the chart.
    assert.equal(report.inputs.objects, 3 + 6 + 6 - 1);
    const where = (ruleId: string, name: string) =>
      report.findings
        .filter((finding) => finding.ruleId === ruleId && finding.resource.name === name)
        .map((finding) => [`${finding.location?.file}:${finding.location?.line}`, finding.origin]);
    assert.deepEqual(where('WL-PSS-privileged', 'release-name-shop'), [
      [
        `${FIXTURE}/shop-chart/templates/deployment.yaml:24`,
        {
          chart: `${FIXTURE}/shop-chart`,
          template: 'templates/deployment.yaml',
          value: 'securityContext.privileged',
        },
      ],
    ]);
    assert.deepEqual(where('WL-PSS-privileged', 'prod-api'), [
      [`${FIXTURE}/app/overlays/prod/privileged-patch.yaml:11`, { overlay: `${FIXTURE}/app/overlays/prod` }],
    ]);
    assert.deepEqual(where('WL-PSS-hostNamespaces', 'prod-api'), [
      [`${FIXTURE}/app/overlays/prod/hostnetwork-patch.json:1`, { overlay: `${FIXTURE}/app/overlays/prod` }],
    ]);
    assert.deepEqual(where('WL-NET-publicLoadBalancer', 'prod-api-public'), [
      [`${FIXTURE}/app/overlays/prod/ingress-lb.yaml:6`, { overlay: `${FIXTURE}/app/overlays/prod` }],
    ]);
    // Nothing from inside the chart or the kustomization folders was read as loose YAML.
    for (const finding of report.findings)
      if (finding.resource.kind !== 'Namespace' && !finding.location?.file.startsWith(`${FIXTURE}/loose/`))
        assert.ok(finding.origin, finding.ruleId);
    // The duplicated ServiceAccount: one object, both places named.
    const note = report.notes.find((entry) => entry.message.includes('Service shop-prod/storefront'));
    assert.match(
      note?.message ?? '',
      /declared 2 times with the same content \(test\/fixtures\/render\/loose\/lb-copy\.yaml:2, test\/fixtures\/render\/loose\/namespace\.yaml:8\); scanned once/,
    );
    assert.ok(
      report.notes.some((entry) =>
        /rendered with helm v4\.\d+\.\d+ as release "release-name" in namespace "default" \(defaults; set with --release-name and --namespace\)/.test(
          entry.message,
        ),
      ),
    );
    assert.ok(
      report.notes.some(
        (entry) =>
          entry.file === `${FIXTURE}/shop-chart/templates/configmap.yaml` && /lookup/.test(entry.message),
      ),
    );
    // origin and duplicates are part of the report schema.
    const schema = JSON.parse(
      readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'),
    );
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    assert.ok(validate(report), JSON.stringify(validate.errors));
    assert.deepEqual(
      report.findings
        .filter((finding) => finding.resource.name === 'storefront')
        .map((finding) => [
          finding.ruleId,
          `${finding.location?.file}:${finding.location?.line}`,
          finding.duplicates?.map((at) => `${at.file}:${at.line}`),
        ]),
      [
        [
          'WL-NET-publicLoadBalancer',
          `${FIXTURE}/loose/lb-copy.yaml:12`,
          [`${FIXTURE}/loose/namespace.yaml:8`],
        ],
      ],
    );
  });

  it('values files and --set reach the chart; the namespace and release name are the ones given', async () => {
    const { report } = await scanJson([
      `${FIXTURE}/shop-chart`,
      '--values',
      `${FIXTURE}/shop-chart/values-prod.yaml`,
      '--set',
      'replicaCount=5',
      '--release-name',
      'web',
      '-n',
      'shop',
    ]);
    assert.equal(report.findings.filter((finding) => finding.ruleId === 'WL-PSS-privileged').length, 0);
    assert.ok(
      report.findings.every(
        (finding) => finding.resource.namespace === undefined || finding.resource.namespace === 'shop',
      ),
    );
    assert.ok(report.findings.some((finding) => finding.resource.name === 'web-shop'));
  });

  it('a value that `required` needs and is missing: exit 2 naming the template line, the chart listed as not rendered', async () => {
    const { code, report } = await scanJson([`${FIXTURE}/shop-chart`, '--set', 'database.host=null']);
    assert.equal(code, 2);
    assert.equal(report.errors[0]?.file, `${FIXTURE}/shop-chart/templates/deployment.yaml`);
    assert.equal(report.errors[0]?.line, 28);
    assert.match(report.errors[0]?.message ?? '', /database\.host is required/);
    assert.equal(report.coverage.skipped[0]?.category, 'not-rendered');
  });

  it('GitOps: a HelmRelease and a Flux Kustomization are rendered as they deploy; a remote chart is listed', async () => {
    const { report } = await scanJson(['test/fixtures/gitops']);
    assert.deepEqual(report.coverage.read, { kubernetes: 3, kustomize: 1, helm: 1 });
    assert.deepEqual(
      report.coverage.skipped.map((entry) => entry.category),
      ['remote-source'],
    );
    const names = new Set(
      report.findings.map((finding) => `${finding.resource.namespace}/${finding.resource.name}`),
    );
    assert.ok(names.has('shop/shop-shop-shop'), [...names].join(' '));
    assert.ok(names.has('orders/orders'));
    // The HelmRelease's values turn privileged off.
    assert.equal(report.findings.filter((finding) => finding.ruleId === 'WL-PSS-privileged').length, 0);
    const viaRelease = report.findings.find((finding) => finding.resource.name === 'shop-shop-shop');
    assert.equal(viaRelease?.origin?.via?.kind, 'HelmRelease');
  });

  it('pss check, netpol and rbac take charts and overlays with -f the same way', async () => {
    const pss = await runCli(
      ['pss', 'check', `${FIXTURE}/app/overlays/prod`, '--level', 'baseline', '-o', 'json'],
      { cwd: ROOT, env },
    );
    assert.equal(pss.code, 1);
    assert.match(pss.stdout, /prod-api/);
    const netpol = await runCli(['netpol', 'list', '-f', `${FIXTURE}/shop-chart`, '-o', 'json'], {
      cwd: ROOT,
      env,
    });
    assert.equal(netpol.code, 0, netpol.stderr);
    assert.match(netpol.stdout, /release-name-shop/);
    const rbac = await runCli(
      ['rbac', 'who-can', 'get', 'pods', '-A', '-f', `${FIXTURE}/shop-chart`, '-o', 'json'],
      { cwd: ROOT, env },
    );
    assert.equal(rbac.code, 0, rbac.stderr);
  });

  it('rendering is deterministic: the same chart and overlay scanned twice give byte-identical JSON', async () => {
    const first = await runCli(['scan', FIXTURE, '--no-config', '-o', 'json', '--fail-on', 'none'], {
      cwd: ROOT,
      env,
    });
    const second = await runCli(['scan', FIXTURE, '--no-config', '-o', 'json', '--fail-on', 'none'], {
      cwd: ROOT,
      env,
    });
    assert.equal(first.stdout, second.stdout);
  });
});

describe('kustomize build failures: a generator input the deployment tool writes, or a broken overlay', {
  skip,
}, () => {
  const deployment =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels: { app: api }\n  template:\n    metadata:\n      labels: { app: api }\n    spec:\n      containers:\n        - name: api\n          image: contoso.azurecr.io/api:1.0\n';
  const generated = 'configMapGenerator:\n  - name: api\n    envs:\n      - .env\n';

  async function scanTree(files: Record<string, string>, extra: string[] = []) {
    const tree = tempTree(files);
    try {
      const result = await runCli(
        ['scan', 'overlay', '--no-config', '-o', 'json', '--fail-on', 'none', ...extra],
        {
          cwd: tree.dir,
          env,
        },
      );
      return { code: result.code, report: JSON.parse(result.stdout) as Report };
    } finally {
      tree.cleanup();
    }
  }

  it('an absent configMapGenerator .env (azd writes it): the overlay is not rendered, with a note, not an input error', async () => {
    const files = {
      'overlay/kustomization.yaml': `resources:\n  - deployment.yaml\n${generated}`,
      'overlay/deployment.yaml': deployment,
    };
    const { code, report } = await scanTree(files);
    assert.equal(code, 0);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.coverage.skipped, [
      {
        path: 'overlay',
        category: 'not-rendered',
        reason: 'Kustomize overlay not rendered: kustomize build failed: .env not found',
        significant: true,
        cause: 'kustomize build failed: .env not found',
      },
    ]);
    assert.deepEqual(
      report.notes.map((note) => [note.file, note.message]),
      [
        [
          'overlay/kustomization.yaml',
          'overlay not rendered: .env, read by a configMapGenerator or secretGenerator, does not exist; deployment tools write such files before they build (azd writes .env). Create it, with any values, to scan the overlay',
        ],
      ],
    );
    // Nothing unread is a pass: a pipeline that asks for it fails on the unrendered overlay.
    assert.equal((await scanTree(files, ['--fail-on-skipped'])).code, 1);
  });

  it('a secretGenerator file of a base (key=path): named with the base', async () => {
    const { code, report } = await scanTree({
      'overlay/kustomization.yaml': 'resources:\n  - ../base\n',
      'base/kustomization.yaml':
        'resources:\n  - deployment.yaml\nsecretGenerator:\n  - name: tls\n    files:\n      - tls.key=certs/tls.key\n',
      'base/deployment.yaml': deployment,
    });
    assert.equal(code, 0);
    assert.deepEqual(report.errors, []);
    assert.equal(
      report.coverage.skipped[0]?.reason,
      'Kustomize overlay not rendered: kustomize build failed: certs/tls.key not found (in base/kustomization.yaml)',
    );
  });

  const broken: [name: string, files: Record<string, string>, message: RegExp][] = [
    [
      'a resource file that does not exist',
      { 'overlay/kustomization.yaml': `resources:\n  - missing.yaml\n${generated}` },
      /^kustomize build failed: accumulating resources: accumulation err='accumulating resources from 'missing\.yaml': evalsymlink failure on 'overlay\/missing\.yaml' : lstat overlay\/missing\.yaml: no such file or directory'/,
    ],
    [
      'invalid YAML',
      {
        'overlay/kustomization.yaml': 'resources:\n  - deployment.yaml\n  bad: [\n',
        'overlay/deployment.yaml': deployment,
      },
      /^kustomize build failed: invalid Kustomization: yaml: line 2: did not find expected '-' indicator$/,
    ],
    [
      'an unknown field',
      {
        'overlay/kustomization.yaml': 'resources:\n  - deployment.yaml\nresourcez:\n  - x.yaml\n',
        'overlay/deployment.yaml': deployment,
      },
      /^kustomize build failed: invalid Kustomization: json: unknown field "resourcez"$/,
    ],
  ];
  for (const [name, files, message] of broken)
    it(`${name}: still an input error (exit 2), the overlay listed as not rendered`, async () => {
      const { code, report } = await scanTree(files);
      assert.equal(code, 2);
      assert.deepEqual(
        report.errors.map((error) => error.file),
        ['overlay/kustomization.yaml'],
      );
      assert.match(report.errors[0]!.message, message);
      assert.equal(report.coverage.skipped[0]?.category, 'not-rendered');
      assert.deepEqual(report.notes, []);
    });
});

describe('no helm, no kubectl: never a silent pass', () => {
  it('charts and overlays are listed as not rendered, the table says so, --fail-on-skipped fails', async () => {
    const hidden = { PATH: '' };
    const { code, report } = await scanJson([FIXTURE], hidden);
    assert.equal(code, 0);
    assert.deepEqual(
      report.coverage.skipped.map((entry) => [entry.path, entry.category, entry.reason, entry.significant]),
      [
        [
          `${FIXTURE}/app/overlays/prod`,
          'not-rendered',
          'Kustomize overlay not rendered: kubectl and kustomize not found (install kubectl or kustomize, or give --kustomize-bin)',
          true,
        ],
        [
          `${FIXTURE}/shop-chart`,
          'not-rendered',
          'Helm chart not rendered: helm not found (install Helm 3 or 4, or give --helm-bin)',
          true,
        ],
      ],
    );
    const table = await runCli(['scan', FIXTURE, '--no-config', '-o', 'table', '--fail-on', 'none'], {
      cwd: ROOT,
      env: hidden,
    });
    assert.match(
      table.stdout,
      /2 inputs not analysed: 2 charts or overlays not rendered \(helm not found, kubectl and kustomize not found\)/,
    );
    const gated = await runCli(
      ['scan', FIXTURE, '--no-config', '-o', 'json', '--fail-on', 'none', '--fail-on-skipped'],
      {
        cwd: ROOT,
        env: hidden,
      },
    );
    assert.equal(gated.code, 1);
  });

  it('--dependency-update without --allow-network is a usage error', async () => {
    const result = await runCli(['scan', FIXTURE, '--dependency-update'], { cwd: ROOT, env: {} });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--dependency-update downloads chart dependencies: add --allow-network/);
  });
});

describe('fix for rendered objects: the values or the overlay, never rendered output', { skip }, () => {
  it('proposes values.yaml entries for a chart and a strategic-merge patch for an overlay', async () => {
    const result = await runCli(['fix', FIXTURE, '--level', 'baseline'], { cwd: ROOT, env });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(
      result.stdout.includes(
        [
          '# Deployment default/release-name-shop (test/fixtures/render/shop-chart/templates/deployment.yaml:2)',
          '# in the values of chart test/fixtures/render/shop-chart (values.yaml, or a file given with --values):',
          'securityContext:',
          '  privileged: false',
          '---',
        ].join('\n'),
      ),
      result.stdout,
    );
    assert.ok(
      result.stdout.includes(
        [
          '# a strategic-merge patch for overlay test/fixtures/render/app/overlays/prod: save it there and list it under `patches: [{path: FILE}]` in its kustomization',
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata:',
          '  name: api',
        ].join('\n'),
      ),
      result.stdout,
    );
    assert.doesNotMatch(result.stdout, /kubectl patch deployment (prod-api|release-name-shop)/);
  });
});

describe('the Kubernetes version charts render for', { skip }, () => {
  it('is --k8s-version when given, else the scanned cluster definition`s kubernetesVersion', async () => {
    const { loadInventory } = await import('../../src/load/index.js');
    const { defaultRenderSettings } = await import('../../src/sources/render/types.js');
    const { tempTree } = await import('../support/tempTree.js');
    const tree = tempTree({
      'chart/Chart.yaml': 'apiVersion: v2\nname: probe\nversion: 1.0.0\n',
      'chart/templates/cm.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: probe}\ndata:\n  kube: {{ .Capabilities.KubeVersion.Version | quote }}\n',
      'cluster.json': JSON.stringify({
        type: 'Microsoft.ContainerService/managedClusters',
        apiVersion: '2025-05-01',
        name: 'aks-prod',
        location: 'westeurope',
        properties: { kubernetesVersion: '1.30.4' },
      }),
    });
    try {
      const kubeOf = async (paths: string[], kubeVersion?: string) => {
        const render = { ...defaultRenderSettings(), ...(kubeVersion ? { kubeVersion } : {}) };
        const inventory = await loadInventory({ paths, cwd: tree.dir, env, render });
        const configMap = inventory.objects.find((object) => object.kind === 'ConfigMap');
        return (configMap?.raw.data as { kube?: string } | undefined)?.kube;
      };
      assert.equal(await kubeOf(['chart', 'cluster.json']), 'v1.30.4');
      assert.equal(await kubeOf(['chart', 'cluster.json'], '1.29'), 'v1.29.0');
    } finally {
      tree.cleanup();
    }
  });
});
