import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { Finding } from '../../src/model/finding.js';
import { reportObjects } from '../../src/report/policyReport.js';
import type { Report } from '../../src/report/report.js';
import { allRules } from '../../src/rules/index.js';
import { runCli } from '../support/cli.js';
import { crdErrors } from '../support/crdSchema.js';

const DEMO = new URL('../../examples/aks-store-demo/', import.meta.url).pathname;

function finding(overrides: Partial<Finding>): Finding {
  return {
    ruleId: 'WL-PSS-privileged',
    severity: 'high',
    title: 'Privileged container',
    message: 'Deployment shop/web: privileged',
    resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
    location: { file: 'app.yaml', line: 21, column: 11 },
    path: 'spec.template.spec.containers[0].securityContext.privileged',
    fix: 'Remove privileged: true',
    fingerprint: 'aaaaaaaaaaaaaaaaaaaaaaaa',
    ...overrides,
  };
}

function report(parts: Partial<Report>): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'aksguard', version: '0.0.0' },
    summary: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    findings: [],
    notEvaluated: [],
    waived: [],
    waivers: { unused: [], expired: [], invalid: [], annotations: [] },
    errors: [],
    notes: [],
    inputs: { files: 1, objects: 1, clusters: 0, rules: 1 },
    coverage: { read: {}, skipped: [], unreadable: [] },
    ...parts,
  };
}

describe('-o policyreport / -o openreports', () => {
  const sample = report({
    findings: [
      finding({}),
      finding({
        ruleId: 'WL-RES-cpuLimit',
        severity: 'low',
        title: 'No CPU limit',
        message: 'no cpu limit',
        path: undefined,
        fix: undefined,
        fingerprint: 'bbbbbbbbbbbbbbbbbbbbbbbb',
      }),
      finding({
        ruleId: 'RBAC-ADM-001',
        severity: 'critical',
        title: 'cluster-admin',
        message: 'binds cluster-admin',
        resource: { kind: 'ClusterRoleBinding', name: 'ops', apiPath: '/apis/rbac/ops' },
        location: undefined,
        path: undefined,
        fingerprint: 'cccccccccccccccccccccccc',
      }),
    ],
    waived: [
      {
        ...finding({
          ruleId: 'WL-NET-nodePort',
          severity: 'medium',
          fingerprint: 'dddddddddddddddddddddddd',
        }),
        waiver: { rule: 'WL-NET-nodePort', reason: 'lab', source: 'config', expires: '2027-01-01' },
      },
    ],
    notEvaluated: [
      { ruleId: 'AKS-NET-03', reason: 'depends on var.ranges' },
      {
        ruleId: 'WL-PSS-runAsUser',
        reason: 'Pods could not be read',
        resource: { kind: 'Pod', namespace: 'shop', name: 'x' },
      },
    ],
  });

  it('maps findings to fail/warn by --fail-on, waivers and not evaluated to skip with the reason', () => {
    const [cluster, shop] = reportObjects(sample, allRules, 'openreports', {
      now: new Date('2026-01-02T03:04:05.678Z'),
    });
    assert.equal(cluster!.kind, 'ClusterReport');
    assert.deepEqual(cluster!.metadata, {
      name: 'aksguard',
      labels: { 'app.kubernetes.io/managed-by': 'aksguard' },
    });
    assert.equal(cluster!.source, 'aksguard');
    assert.deepEqual(cluster!.summary, { pass: 0, fail: 1, warn: 0, error: 0, skip: 1 });
    assert.deepEqual(
      cluster!.results.map((r) => `${r.policy} ${r.category} ${r.severity} ${r.result} ${r.message}`),
      [
        'RBAC-ADM-001 rbac critical fail binds cluster-admin',
        'AKS-NET-03 aks critical skip not evaluated: depends on var.ranges',
      ],
    );
    assert.deepEqual(cluster!.results[0]!.properties, {
      title: 'cluster-admin',
      fix: 'Remove privileged: true',
      fingerprint: 'cccccccccccccccccccccccc',
      location: '/apis/rbac/ops',
    });
    assert.deepEqual(cluster!.results[0]!.timestamp, { seconds: 1767323045, nanos: 678000000 });
    assert.equal(shop!.kind, 'Report');
    assert.equal(shop!.metadata.namespace, 'shop');
    assert.deepEqual(shop!.summary, { pass: 0, fail: 1, warn: 1, error: 0, skip: 2 });
    assert.deepEqual(
      shop!.results.map((r) => `${r.policy} ${r.result} ${r.scored}`),
      [
        'WL-PSS-privileged fail true',
        'WL-RES-cpuLimit warn true',
        'WL-NET-nodePort skip true',
        'WL-PSS-runAsUser skip false',
      ],
    );
    assert.deepEqual(shop!.results[0]!.resources, [
      { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1', namespace: 'shop' },
    ]);
    assert.deepEqual(shop!.results[0]!.properties, {
      title: 'Privileged container',
      fix: 'Remove privileged: true',
      fingerprint: 'aaaaaaaaaaaaaaaaaaaaaaaa',
      location: 'app.yaml:21',
      field: 'spec.template.spec.containers[0].securityContext.privileged',
    });
    assert.equal(shop!.results[2]!.message, 'waived (config): lab. Deployment shop/web: privileged');
    assert.equal(shop!.results[2]!.properties.waiverExpires, '2027-01-01');
    for (const object of [cluster!, shop!]) assert.deepEqual(crdErrors(object), []);
  });

  it('wgpolicyk8s: same results, no report-level source or configuration; --fail-on none makes every finding warn', () => {
    const objects = reportObjects(sample, allRules, 'policyreport', { failOn: 'none' });
    assert.deepEqual(
      objects.map(
        (o) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? '-'} ${JSON.stringify(o.summary)}`,
      ),
      [
        'wgpolicyk8s.io/v1alpha2 ClusterPolicyReport - {"pass":0,"fail":0,"warn":1,"error":0,"skip":1}',
        'wgpolicyk8s.io/v1alpha2 PolicyReport shop {"pass":0,"fail":0,"warn":2,"error":0,"skip":2}',
      ],
    );
    assert.equal(objects[0]!.source, undefined);
    assert.equal(objects[0]!.configuration, undefined);
    for (const object of objects) assert.deepEqual(crdErrors(object), []);
  });

  it('keeps at most maxResults results per report, counting all in the summary', () => {
    const many = report({
      findings: Array.from({ length: 5 }, (_, i) => finding({ fingerprint: `f${i}`, message: `m${i}` })),
    });
    const [, shop] = reportObjects(many, allRules, 'openreports', { maxResults: 2 });
    assert.equal(shop!.results.length, 2);
    assert.equal(shop!.summary.fail, 5);
    assert.deepEqual(shop!.metadata.annotations, { 'aksguard.io/results-left-out': '3' });
    assert.deepEqual(shop!.configuration, { limits: { maxResults: 2 } });
  });

  it('a clean scan still writes the cluster report, with zero counts', () => {
    const objects = reportObjects(report({}), allRules, 'openreports');
    assert.equal(objects.length, 1);
    assert.deepEqual(objects[0]!.summary, { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 });
    assert.deepEqual(crdErrors(objects[0]!), []);
  });

  it('the validator refuses what the CRD does not declare', () => {
    const [cluster] = reportObjects(sample, allRules, 'policyreport');
    const tampered = structuredClone(cluster!);
    (tampered.results[0] as unknown as Record<string, unknown>).result = 'failed';
    (tampered.results[0] as unknown as Record<string, unknown>).fix = 'x';
    assert.equal(crdErrors(tampered).length, 2);
  });

  for (const format of ['policyreport', 'openreports'] as const)
    it(`the demo's ${format} YAML stream validates against the vendored CRDs`, async () => {
      const result = await runCli(['scan', DEMO, '--no-config', '-o', format]);
      assert.equal(result.code, 1);
      const objects = parseAllDocuments(result.stdout).map((d) => d.toJS() as Record<string, unknown>);
      assert.deepEqual(
        objects.map((o) => `${o.kind} ${(o.metadata as { namespace?: string }).namespace ?? '-'}`),
        format === 'openreports'
          ? ['ClusterReport -', 'Report default']
          : ['ClusterPolicyReport -', 'PolicyReport default'],
      );
      for (const object of objects) assert.deepEqual(crdErrors(object), []);
      const results = objects.flatMap((o) => o.results as { policy: string; result: string }[]);
      assert.equal(
        results.filter((r) => r.result !== 'skip').length,
        (JSON.parse((await runCli(['scan', DEMO, '--no-config', '-o', 'json'])).stdout) as Report).findings
          .length,
      );
    });
});
