import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report } from '../../src/report/report.js';
import { runCli, tempTree } from '../support/cli.js';

const POD = `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop }
spec:
  containers: [{ name: web, image: nginx, securityContext: { privileged: true } }]
`;
const BROKEN = 'apiVersion: v1\nkind: Pod\nmetadata: [\n';

describe('exit 2 (never 0, 1 or 3) for usage and input errors, in every command', () => {
  const tree = tempTree({
    'ok/pod.yaml': POD,
    'bad/pod.yaml': POD,
    'bad/broken.yaml': BROKEN,
    'baseline-bom.json': '\uFEFF{"fingerprints":[]}',
    'baseline-wrong.json': '{"fingerprints":[{"fp":"x"}]}',
    'config/.aksguard.yaml': 'settings:\n  pssLevel: privileged\n',
    'config-param/.aksguard.yaml': 'rules:\n  WL-SEC-secretInConfigMap: { params: { ignoreKeys: 5 } }\n',
  });
  const cases: [string, string[], RegExp][] = [
    ['--rule NOPE', ['scan', 'ok', '--no-config', '--rule', 'NOPE'], /--rule NOPE: no such rule/],
    [
      '--rule with an unknown prefix',
      ['scan', 'ok', '--no-config', '--rule', 'NOPE-'],
      /--rule NOPE-: no such rule/,
    ],
    [
      '--k8s-version banana',
      ['scan', 'ok', '--no-config', '--k8s-version', 'banana'],
      /--k8s-version must be a Kubernetes version/,
    ],
    [
      '--pss-version bogus',
      ['scan', 'ok', '--no-config', '--pss-version', 'bogus'],
      /--pss-version must be latest or v1\.N/,
    ],
    [
      'an unwritable --output-file',
      ['scan', 'ok', '--no-config', '--output-file', 'no/such/folder/out.json'],
      /--output-file no\/such\/folder\/out\.json: the folder/,
    ],
    [
      '--output-file naming a folder',
      ['scan', 'ok', '--no-config', '--output-file', 'ok'],
      /--output-file ok: is a folder/,
    ],
    [
      'a missing --azure-role-assignments file',
      ['scan', 'ok', '--no-config', '--azure-role-assignments', 'missing.json'],
      /cannot read \(ENOENT\)/,
    ],
    [
      'a baseline with a byte-order mark',
      ['scan', 'ok', '--no-config', '--baseline', 'baseline-bom.json'],
      /byte-order mark/,
    ],
    [
      'a baseline with wrong entries',
      ['scan', 'ok', '--no-config', '--baseline', 'baseline-wrong.json'],
      /fingerprints\[0\] is not a fingerprint/,
    ],
    [
      'pssLevel: privileged in settings',
      ['scan', 'ok', '--config', 'config/.aksguard.yaml'],
      /\.aksguard\.yaml:2: settings\.pssLevel must be baseline or restricted/,
    ],
    [
      'a wrongly typed parameter',
      ['scan', 'ok', '--config', 'config-param/.aksguard.yaml'],
      /\.aksguard\.yaml:2: rules\.WL-SEC-secretInConfigMap\.params\.ignoreKeys must be a list of keys/,
    ],
    ['scan with an input that does not parse', ['scan', 'bad', '--no-config'], /1 input error/],
    ['pss check with an input that does not parse', ['pss', 'check', 'bad'], /broken\.yaml:4: invalid YAML/],
    [
      'rbac who-can with an input that does not parse',
      ['rbac', 'who-can', 'get', 'pods', '-f', 'bad'],
      /broken\.yaml:4: invalid YAML/,
    ],
    [
      'rbac can-i with an input that does not parse',
      ['rbac', 'can-i', 'get', 'pods', '--as', 'alice', '-f', 'bad'],
      /broken\.yaml:4/,
    ],
    ['rbac paths with an input that does not parse', ['rbac', 'paths', '-f', 'bad'], /broken\.yaml:4/],
    ['fix netpol with an input that does not parse', ['fix', 'netpol', '-f', 'bad'], /broken\.yaml:4/],
    ['fix with an input that does not parse', ['fix', 'bad'], /broken\.yaml:4/],
    ['netpol list with an input that does not parse', ['netpol', 'list', '-f', 'bad'], /broken\.yaml:4/],
    [
      'netpol query with an input that does not parse',
      ['netpol', 'query', '-f', 'bad', '--from', 'shop/web', '--to', 'shop/web'],
      /broken\.yaml:4/,
    ],
    [
      'netpol explain with an input that does not parse',
      ['netpol', 'explain', '-f', 'bad'],
      /broken\.yaml:4/,
    ],
    ['netpol gaps with an input that does not parse', ['netpol', 'gaps', '-f', 'bad'], /broken\.yaml:4/],
    ['netpol diff with an input that does not parse', ['netpol', 'diff', 'ok', 'bad'], /broken\.yaml:4/],
    [
      'netpol --k8s-version banana',
      ['netpol', 'list', '-f', 'ok', '--k8s-version', 'banana'],
      /--k8s-version must be a Kubernetes version/,
    ],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const result = await runCli(args, { cwd: tree.dir });
      assert.equal(result.code, 2, `${result.stderr}\n${result.stdout.slice(0, 300)}`);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /internal error|\n\s+at /);
    });
  }
  it('cleans up', () => tree.cleanup());
});

describe('annotation waivers', () => {
  const annotated = (value: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  annotations:
    aksguard.io/ignore: "${value}"
spec:
  containers: [{ name: web, image: nginx, securityContext: { privileged: true } }]
`;

  it('"*" is refused unless the configuration sets allowAnnotationWaiveAll, and the audit says so', async () => {
    const tree = tempTree({
      'pod.yaml': annotated('*: we know'),
      'allow/.aksguard.yaml': 'allowAnnotationWaiveAll: true\n',
    });
    try {
      const refused = JSON.parse(
        (await runCli(['scan', 'pod.yaml', '--no-config', '-o', 'json'], { cwd: tree.dir })).stdout,
      ) as Report;
      assert.equal(refused.waived.length, 0);
      assert.ok(refused.findings.some((finding) => finding.ruleId === 'WL-PSS-privileged'));
      assert.match(
        refused.waivers.invalid[0]!.problem,
        /every rule \(\*\) is refused unless the configuration sets allowAnnotationWaiveAll: true/,
      );
      assert.deepEqual(refused.waivers.annotations, []);
      const allowed = JSON.parse(
        (
          await runCli(['scan', 'pod.yaml', '--config', 'allow/.aksguard.yaml', '-o', 'json'], {
            cwd: tree.dir,
          })
        ).stdout,
      ) as Report;
      assert.deepEqual(
        allowed.findings.filter((finding) => finding.resource.name === 'web'),
        [],
      );
      assert.deepEqual(
        allowed.waivers.annotations.map(
          (use) => `${use.rule} ${use.resource}: ${use.reason} @${use.location?.file}:${use.location?.line}`,
        ),
        ['* Pod shop/web: we know @pod.yaml:1'],
      );
    } finally {
      tree.cleanup();
    }
  });

  it('every annotation waiver in force is in the audit with its object and reason, used or not', async () => {
    const tree = tempTree({
      'pod.yaml': annotated('WL-PSS-privileged: vendor image; WL-NET-nodePort: not a service'),
    });
    try {
      const result = await runCli(['scan', 'pod.yaml', '--no-config', '-o', 'json'], { cwd: tree.dir });
      const report = JSON.parse(result.stdout) as Report;
      assert.deepEqual(
        report.waivers.annotations.map((use) => `${use.rule} ${use.resource}: ${use.reason}`),
        ['WL-PSS-privileged Pod shop/web: vendor image', 'WL-NET-nodePort Pod shop/web: not a service'],
      );
      const table = (await runCli(['scan', 'pod.yaml', '--no-config', '-o', 'table'], { cwd: tree.dir }))
        .stdout;
      assert.match(
        table,
        /Waiver audit\n {2}annotation WL-PSS-privileged Pod shop\/web: vendor image \(pod\.yaml:1\)\n/,
      );
    } finally {
      tree.cleanup();
    }
  });
});
