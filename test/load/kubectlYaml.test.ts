import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report } from '../../src/report/report.js';
import { scan } from '../../src/scan.js';
import { tempTree } from '../support/tempTree.js';

/**
 * Issue 9 §1: what `kubectl apply -f` applies is what aksguard judges. Each manifest below is written so that a
 * YAML 1.2 reader sees a harmless pod and kubectl (go-yaml v2, YAML 1.1) applies a privileged / host-namespace /
 * capability one; the finding must appear.
 */
async function scanFiles(files: Record<string, string | Buffer>): Promise<Report> {
  const tree = tempTree(files);
  try {
    return await scan({ paths: ['.'], cwd: tree.dir, config: false, settings: { pssLevel: 'restricted' } });
  } finally {
    tree.cleanup();
  }
}

function pod(spec: string, name = 'p'): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: app\nspec:\n${spec}`;
}

const container = (securityContext: string, extra = '') =>
  `  containers:\n    - name: c\n      image: contoso.azurecr.io/app:1.0.0\n${extra}      securityContext:\n${securityContext}`;

function ruleIds(report: Report): string[] {
  return [...new Set(report.findings.map((finding) => finding.ruleId))].sort();
}

function findingsOf(report: Report, ruleId: string) {
  return report.findings.filter((finding) => finding.ruleId === ruleId);
}

const CASES: { name: string; manifest: string; rule: string; line?: number; message?: RegExp }[] = [
  {
    name: 'privileged: yes',
    manifest: pod(container('        privileged: yes\n')),
    rule: 'WL-PSS-privileged',
    line: 11,
  },
  { name: 'privileged: Y', manifest: pod(container('        privileged: Y\n')), rule: 'WL-PSS-privileged' },
  { name: 'privileged: ON', manifest: pod(container('        privileged: ON\n')), rule: 'WL-PSS-privileged' },
  {
    name: 'privileged: True',
    manifest: pod(container('        privileged: True\n')),
    rule: 'WL-PSS-privileged',
  },
  {
    name: 'hostNetwork: on',
    manifest: pod(`  hostNetwork: on\n${container('        runAsNonRoot: true\n')}`),
    rule: 'WL-PSS-hostNamespaces',
    line: 7,
  },
  {
    name: 'hostPID: Y',
    manifest: pod(`  hostPID: Y\n${container('        runAsNonRoot: true\n')}`),
    rule: 'WL-PSS-hostNamespaces',
  },
  {
    name: 'hostIPC: YES',
    manifest: pod(`  hostIPC: YES\n${container('        runAsNonRoot: true\n')}`),
    rule: 'WL-PSS-hostNamespaces',
  },
  {
    name: 'hostPort: 0b1010000',
    manifest: pod(
      container(
        '        runAsNonRoot: true\n',
        '      ports:\n        - containerPort: 80\n          hostPort: 0b1010000\n',
      ),
    ),
    rule: 'WL-PSS-hostPorts',
  },
  {
    name: 'hostPort: 0o120 and 0x50',
    manifest: pod(
      container(
        '        runAsNonRoot: true\n',
        '      ports:\n        - containerPort: 80\n          hostPort: 0x50\n',
      ),
    ),
    rule: 'WL-PSS-hostPorts',
  },
  { name: 'runAsUser: 0_0', manifest: pod(container('        runAsUser: 0_0\n')), rule: 'WL-PSS-runAsUser' },
  { name: 'runAsUser: -0', manifest: pod(container('        runAsUser: 0o0\n')), rule: 'WL-PSS-runAsUser' },
  {
    name: 'add: [!!binary U1lTX0FETUlO] (SYS_ADMIN)',
    manifest: pod(container('        capabilities:\n          add: [!!binary U1lTX0FETUlO]\n')),
    // At the restricted level, upstream's capabilities_restricted check overrides capabilities_baseline.
    rule: 'WL-PSS-capabilities_restricted',
    message: /SYS_ADMIN/,
  },
  {
    name: 'image: !!binary (decoded nginx:latest)',
    manifest: pod('  containers:\n    - name: c\n      image: !!binary bmdpbng6bGF0ZXN0\n'),
    rule: 'WL-IMG-latestOrUntagged',
  },
  {
    name: 'a merge key after an explicit privileged: false overrides it (go-yaml v2 order)',
    manifest: pod(
      '  containers:\n    - name: a\n      image: contoso.azurecr.io/a:1.0.0\n      securityContext: &priv { privileged: true }\n    - name: b\n      image: contoso.azurecr.io/b:1.0.0\n      securityContext:\n        privileged: false\n        <<: *priv\n',
    ),
    rule: 'WL-PSS-privileged',
  },
  {
    name: 'duplicate keys: the last privileged wins',
    manifest: pod(container('        privileged: false\n        privileged: true\n')),
    rule: 'WL-PSS-privileged',
  },
];

describe('kubectl reading (issue 9 §1): the finding appears where kubectl applies a privileged pod', () => {
  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const report = await scanFiles({ 'pod.yaml': testCase.manifest });
      const found = findingsOf(report, testCase.rule);
      assert.ok(found.length > 0, `${testCase.rule} expected, got ${ruleIds(report).join(', ')}`);
      if (testCase.line !== undefined) assert.equal(found[0]!.location?.line, testCase.line);
      if (testCase.message) assert.match(found[0]!.message, testCase.message);
    });
  }

  it('merge precedence: a merge after privileged: false finds container b, an explicit key after the merge wins', async () => {
    const report = await scanFiles({
      'pod.yaml': pod(
        '  containers:\n    - name: a\n      image: contoso.azurecr.io/a:1.0.0\n      securityContext: &priv { privileged: true }\n    - name: b\n      image: contoso.azurecr.io/b:1.0.0\n      securityContext:\n        privileged: false\n        <<: *priv\n    - name: c\n      image: contoso.azurecr.io/c:1.0.0\n      securityContext:\n        <<: *priv\n        privileged: false\n',
      ),
    });
    const containers = findingsOf(report, 'WL-PSS-privileged').map((finding) =>
      JSON.stringify(finding.evidence),
    );
    assert.equal(containers.length, 2, containers.join('\n'));
    assert.ok(containers.some((evidence) => evidence.includes('"b"') || evidence.includes('[1]')));
    assert.ok(!containers.some((evidence) => evidence.includes('"c"') || evidence.includes('[2]')));
  });

  it('a byte-order mark at the start of a later document does not hide it', async () => {
    const report = await scanFiles({
      'pods.yaml': `${pod(container('        runAsNonRoot: true\n'), 'first')}---\n\ufeff${pod(container('        privileged: true\n'), 'second')}`,
    });
    const found = findingsOf(report, 'WL-PSS-privileged');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.resource.name, 'second');
    assert.equal(found[0]!.location?.line, 23);
    assert.deepEqual(report.errors, []);
  });

  it('CR-only line ends give the right lines', async () => {
    const report = await scanFiles({
      'mac.yaml': pod(container('        privileged: true\n')).replaceAll('\n', '\r'),
    });
    const found = findingsOf(report, 'WL-PSS-privileged');
    assert.equal(found[0]?.location?.line, 11);
  });

  it('UTF-16 with a byte-order mark is read as kubectl reads it; without one it is refused with a clear message', async () => {
    const manifest = pod(container('        privileged: true\n'));
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(manifest, 'utf16le')]);
    const beBody = Buffer.from(manifest, 'utf16le');
    for (let index = 0; index < beBody.length; index += 2) {
      const low = beBody[index]!;
      beBody[index] = beBody[index + 1]!;
      beBody[index + 1] = low;
    }
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), beBody]);
    const report = await scanFiles({
      'le.yaml': le,
      'be.yaml': be,
      'nobom.yaml': Buffer.from(manifest, 'utf16le'),
    });
    // Both BOM files decode to the same pod, which is reported once with the other place as a duplicate.
    assert.deepEqual(
      findingsOf(report, 'WL-PSS-privileged')
        .flatMap((finding) => [
          finding.location?.file,
          ...(finding.duplicates ?? []).map((place) => place.file),
        ])
        .sort(),
      ['be.yaml', 'le.yaml'],
    );
    assert.deepEqual(
      report.errors.map((error) => `${error.file}: ${error.message}`),
      ['nobom.yaml: UTF-16 is not supported, save as UTF-8'],
    );
  });

  it('an undefined alias is an error at the alias line, naming the anchor', async () => {
    const report = await scanFiles({ 'a.yaml': pod(container('        privileged: *missing\n')) });
    assert.deepEqual(
      report.errors.map((error) => `${error.line}: ${error.message}`),
      ["11: invalid YAML: unknown anchor 'missing' referenced"],
    );
  });

  it('anchors never cross documents (kubectl parses each part alone)', async () => {
    const report = await scanFiles({
      'a.yaml': `${pod(container('        privileged: &p false\n'), 'a')}---\n${pod(container('        privileged: *p\n'), 'b')}`,
    });
    assert.match(report.errors[0]?.message ?? '', /unknown anchor 'p' referenced/);
    assert.equal(report.errors[0]?.line, 23);
  });
});

describe('Helm templates: skipped only when they are templates', () => {
  it('a {{ in a comment does not turn a real parse error into a note; the privileged pod beside it is found', async () => {
    const report = await scanFiles({
      'mixed.yaml': `# rendered from {{ .Values.app }} once\n${pod(container('        privileged: true\n'))}---\nkind: [unclosed\n`,
    });
    assert.equal(findingsOf(report, 'WL-PSS-privileged').length, 1);
    assert.equal(report.errors.length, 1);
    assert.match(report.errors[0]!.message, /^invalid YAML/);
    assert.deepEqual(report.coverage.skipped, []);
  });

  it('an unparseable template is skipped with a note and a coverage entry, never judged', async () => {
    const report = await scanFiles({
      'chart/templates/pod.yaml': pod(
        `  hostNetwork: {{ .Values.hostNetwork }}\n${container('        privileged: {{ .Values.privileged }}\n')}`,
      ),
    });
    assert.deepEqual(report.errors, []);
    assert.equal(report.findings.length, 0);
    assert.equal(report.coverage.skipped[0]?.category, 'unrendered-template');
  });

  it('a quoted Helm action in a value is a template too (not judged raw), a Prometheus template is data', async () => {
    const report = await scanFiles({
      'templated.yaml': pod(`  containers:\n    - name: c\n      image: "{{ .Values.image }}"\n`),
      'rule.yaml':
        'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: r, namespace: app }\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: Down\n          expr: up == 0\n          annotations: { summary: "{{ $labels.instance }} is down" }\n',
    });
    assert.equal(findingsOf(report, 'WL-IMG-latestOrUntagged').length, 0);
    assert.deepEqual(
      report.coverage.skipped.map((entry) => `${entry.path} ${entry.category}`),
      ['templated.yaml unrendered-template'],
    );
  });
});

describe('a namespace declared twice: the last declaration wins everywhere', () => {
  const namespace = (level: string) =>
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n  labels:\n    pod-security.kubernetes.io/enforce: ${level}\n`;
  const privilegedPod = pod(container('        privileged: true\n'));

  for (const [first, last] of [
    ['privileged', 'restricted'],
    ['restricted', 'privileged'],
  ] as const) {
    it(`${first} then ${last}: PSS verdicts and WL-NS-psaLabels both read ${last}`, async () => {
      const tree = tempTree({
        'app.yaml': `${namespace(first)}---\n${namespace(last)}---\n${privilegedPod}`,
      });
      try {
        const report = await scan({ paths: ['.'], cwd: tree.dir, config: false });
        const privileged = findingsOf(report, 'WL-PSS-privileged');
        const psaLabels = findingsOf(report, 'WL-NS-psaLabels');
        if (last === 'restricted') {
          assert.equal(privileged.length, 1);
          assert.deepEqual(psaLabels, []);
        } else {
          assert.ok(privileged.every((finding) => !finding.message.includes('restricted')));
          assert.equal(psaLabels.length, 1);
          assert.equal(psaLabels[0]!.location?.line, 13, 'the second declaration');
        }
      } finally {
        tree.cleanup();
      }
    });
  }
});
