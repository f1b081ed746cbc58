import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRules, render, scan } from '../src/index.js';

describe('library API', () => {
  it('scan() returns the report that -o json prints', async () => {
    const demo = new URL('../examples/aks-store-demo/', import.meta.url).pathname;
    const report = await scan({ paths: [demo], config: false, today: '2026-01-01' });
    assert.equal(report.schemaVersion, 1);
    assert.ok(report.findings.some((finding) => finding.ruleId === 'WL-SEC-committedSecret'));
    const printed = JSON.parse(render('json', { report, rules: allRules, color: false, warn: () => {} }));
    assert.deepEqual(printed, JSON.parse(JSON.stringify(report)));
  });
});
