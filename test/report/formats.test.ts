import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import type { Report } from '../../src/report/report.js';
import { runCli, sarifMultitoolPresent, sarifProblems, tempTree } from '../support/cli.js';

const DEMO = new URL('../../examples/aks-store-demo/', import.meta.url).pathname;

describe('report formats on the embedded demo', () => {
  it('JSON output validates against schema/report.schema.json', async () => {
    const result = await runCli(['scan', DEMO, '--no-config', '-o', 'json']);
    const report = JSON.parse(result.stdout) as Report;
    const schema = JSON.parse(
      readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'),
    );
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
    assert.ok(report.findings.length > 20);
    const tampered = { ...report, findings: [{ ...report.findings[0], severity: 'severe' }] };
    assert.equal(validate(tampered), false, 'the schema must be able to fail');
  });

  it('reports the committed Secrets and the public load balancers of the store demo at their lines', async () => {
    const report = JSON.parse((await runCli(['scan', DEMO, '--no-config', '-o', 'json'])).stdout) as Report;
    const at = (ruleId: string) =>
      report.findings
        .filter((finding) => finding.ruleId === ruleId)
        .map(
          (finding) =>
            `${finding.resource.name} ${finding.location?.file.split('/').pop()}:${finding.location?.line}`,
        );
    assert.deepEqual(at('WL-SEC-committedSecret'), [
      // At the credential's key (the password, not the user name).
      'rabbitmq-secrets aks-store-all-in-one.yaml:74',
      'order-service-secrets aks-store-all-in-one.yaml:162',
    ]);
    assert.deepEqual(at('WL-NET-publicLoadBalancer'), [
      'store-front aks-store-all-in-one.yaml:445',
      'store-admin aks-store-all-in-one.yaml:508',
    ]);
  });

  it('SARIF passes sarif-multitool validate with zero errors and zero warnings', {
    skip: !sarifMultitoolPresent,
  }, async () => {
    const tree = tempTree({});
    try {
      const sarifFile = join(tree.dir, 'demo.sarif');
      const result = await runCli(['scan', DEMO, '--no-config', '-o', 'sarif', '--output-file', sarifFile]);
      assert.ok(result.code === 0 || result.code === 1, result.stderr);
      const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
      assert.ok(sarif.runs[0].results.length > 20);
      const first = sarif.runs[0].results[0];
      assert.ok(first.partialFingerprints.primaryLocationLineHash);
      assert.ok(first.locations[0].physicalLocation.region.startLine >= 1);
      const rule = sarif.runs[0].tool.driver.rules[first.ruleIndex];
      assert.equal(rule.id, first.ruleId);
      assert.match(rule.properties['security-severity'], /^\d+\.\d$/);
      assert.deepEqual(sarifProblems(sarifFile, tree.dir), []);
    } finally {
      tree.cleanup();
    }
  });

  it('JUnit has a failing test case per rule with findings, and Markdown a row per finding', async () => {
    const junit = (await runCli(['scan', DEMO, '--no-config', '-o', 'junit', '--family', 'workload'])).stdout;
    assert.match(
      junit,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="aksguard" tests="\d+" failures="\d+"/,
    );
    assert.match(
      junit,
      /<testcase classname="aksguard.workload" name="WL-SEC-committedSecret: [^"]+"><failure type="high" message="2 finding\(s\)/,
    );
    const markdown = (
      await runCli(['scan', DEMO, '--no-config', '-o', 'markdown', '--rule', 'WL-NET-publicLoadBalancer'])
    ).stdout;
    assert.match(
      markdown,
      /\| 🔴 high \| `WL-NET-publicLoadBalancer` \| Service default\/store-front \| `[^`]*aks-store-all-in-one\.yaml:445` \|/,
    );
  });
});
