import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Report } from '../../src/report/report.js';
import { fingerprintOf } from '../../src/rules/runRules.js';
import { runCli, tempTree } from '../support/cli.js';

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: web
          image: ${image}
          securityContext: { privileged: true }
`;

describe('fingerprints', () => {
  it('are the documented hash: rule, file, kind, namespace, name and key, never the message or the line', () => {
    const expected = createHash('sha256')
      .update(['WL-X', 'a/b.yaml', 'Pod', 'shop', 'web', 'spec.containers[0]'].join('\u0000'))
      .digest('hex')
      .slice(0, 24);
    assert.equal(
      fingerprintOf(
        'WL-X',
        'a/b.yaml',
        { kind: 'Pod', namespace: 'shop', name: 'web' },
        'spec.containers[0]',
      ),
      expected,
    );
  });

  it('a tag bump (nginx:1.25 → nginx:1.26) keeps every baselined finding hidden', async () => {
    const tree = tempTree({ 'app/web.yaml': deployment('nginx:1.25') });
    try {
      const first = await runCli(
        ['scan', 'app', '--no-config', '-o', 'json', '--write-baseline', 'baseline.json'],
        {
          cwd: tree.dir,
        },
      );
      const before = JSON.parse(first.stdout) as Report;
      assert.ok(before.findings.some((finding) => finding.message.includes('nginx:1.25')));
      writeFileSync(
        join(tree.dir, 'app/web.yaml'),
        `# a comment line moves everything down\n${deployment('nginx:1.26')}`,
      );
      const after = await runCli(
        ['scan', 'app', '--no-config', '-o', 'json', '--baseline', 'baseline.json'],
        {
          cwd: tree.dir,
        },
      );
      const report = JSON.parse(after.stdout) as Report;
      assert.deepEqual(
        report.findings.map((finding) => `${finding.ruleId} ${finding.message}`),
        [],
      );
      assert.equal(report.baseline?.suppressed, before.findings.length);
      assert.equal(after.code, 0);
    } finally {
      tree.cleanup();
    }
  });
});

describe('a bad baseline is exit 2 and its message quotes nothing from the file', () => {
  const SECRET = 'hunter2-very-secret';
  const cases: [string, string, RegExp][] = [
    ['a byte-order mark', `\uFEFF{"schemaVersion":1,"fingerprints":[]}`, /starts with a byte-order mark/],
    [
      'an entry that is no fingerprint',
      `{"fingerprints":[{"fingerprint":"${SECRET}"}]}`,
      /fingerprints\[0\] is not a fingerprint/,
    ],
    ['an entry of the wrong type', '{"fingerprints":[42]}', /fingerprints\[0\] is not a fingerprint/],
    ['no list', '{"fingerprints":{}}', /not an aksguard baseline/],
    [
      'invalid JSON',
      `{"fingerprints": ["${SECRET}" x]}`,
      /the baseline is not JSON \(syntax error at line 1, column \d+\)/,
    ],
  ];
  for (const [name, text, message] of cases) {
    it(name, async () => {
      const tree = tempTree({ 'web.yaml': deployment('nginx:1.25'), 'baseline.json': text });
      try {
        const result = await runCli(['scan', 'web.yaml', '--no-config', '--baseline', 'baseline.json'], {
          cwd: tree.dir,
        });
        assert.equal(result.code, 2);
        assert.match(result.stderr, message);
        assert.match(result.stderr, /^aksguard: baseline\.json: /);
        assert.ok(!result.stderr.includes(SECRET) && !result.stderr.includes('hunter'), result.stderr);
      } finally {
        tree.cleanup();
      }
    });
  }
});

describe('error messages never quote input values that may be secret', () => {
  it('a tfvars JSON that does not parse: file and position only', async () => {
    const tree = tempTree({
      'main.tf': 'resource "azurerm_kubernetes_cluster" "aks" {\n  name = "aks"\n}\n',
      'secrets.auto.tfvars.json': '{\n  "client_secret": "s3cr3t-Value-1234" oops\n}\n',
    });
    try {
      const result = await runCli(['scan', '.', '--no-config', '-o', 'json'], { cwd: tree.dir });
      assert.equal(result.code, 2);
      assert.ok(!result.stdout.includes('s3cr3t') && !result.stderr.includes('s3cr3t'));
      const report = JSON.parse(result.stdout) as Report;
      assert.deepEqual(
        report.errors.map((issue) => `${issue.file}: ${issue.message}`),
        ['secrets.auto.tfvars.json: cannot parse tfvars JSON: syntax error at line 2, column 40'],
      );
    } finally {
      tree.cleanup();
    }
  });

  for (const args of [
    ['scan', '.', '--no-config', '--azure-role-assignments', 'roles.json'],
    ['rbac', 'azure', '-f', '.', '--azure-role-assignments', 'roles.json'],
  ])
    it(`a role-assignments file that does not parse: exit 2, position only (${args[0]})`, async () => {
      const tree = tempTree({
        'roles.json': '[{"principalId": "0000", "secret": "s3cr3t-Value" oops}]',
        'pod.yaml': deployment('nginx'),
      });
      try {
        const result = await runCli(args, { cwd: tree.dir });
        assert.equal(result.code, 2);
        assert.match(result.stderr, /roles\.json: not JSON \(syntax error at line 1, column 51\)/);
        assert.ok(!result.stdout.includes('s3cr3t') && !result.stderr.includes('s3cr3t'), result.stderr);
      } finally {
        tree.cleanup();
      }
    });
});
