import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, parseConfig } from './config.js';

describe('configuration file', () => {
  it('reads rule switches, severities, parameters, waivers with their lines, and settings', () => {
    const config = parseConfig(
      `failOn: medium
allowAnnotationWaivers: false
rules:
  A-1: off
  B-2: critical
  C-3: { enabled: true, params: { allowed: [x] } }
waivers:
    - rule: A-1
      reason: accepted
      expires: 2027-01-31
    - { rule: "WL-*", reason: legacy, resource: { namespace: old } }
settings:
  pssLevel: baseline
`,
      '.aksguard.yaml',
    );
    assert.equal(config.failOn, 'medium');
    assert.equal(config.allowAnnotationWaivers, false);
    assert.deepEqual(config.rules, {
      'A-1': { enabled: false },
      'B-2': { severity: 'critical' },
      'C-3': { enabled: true, params: { allowed: ['x'] } },
    });
    assert.deepEqual(config.waivers, [
      { rule: 'A-1', reason: 'accepted', expires: '2027-01-31', line: 8 },
      { rule: 'WL-*', reason: 'legacy', line: 11, resource: { namespace: 'old' } },
    ]);
    assert.deepEqual(config.settings, { pssLevel: 'baseline' });
  });

  it('reads cluster ties with their lines', () => {
    const config = parseConfig(
      'clusters:\n  - definition: infra/prod\n    name: aks-prod\n    manifests: ["k8s/prod/**"]\n',
      '.aksguard.yaml',
    );
    assert.deepEqual(config.clusters, [
      { definition: 'infra/prod', name: 'aks-prod', manifests: ['k8s/prod/**'], line: 2 },
    ]);
  });

  const invalid: [string, RegExp][] = [
    ['rulez: {}', /unknown key "rulez"/],
    ['rules: { A-1: maybe }', /rules\.A-1: expected off, on, a severity/],
    ['rules: { A-1: { severity: severe } }', /rules\.A-1\.severity must be/],
    ['waivers: [{ rule: A-1 }]', /waivers\[0\]\.reason is required/],
    ['waivers: [{ rule: A-1, reason: r, expires: soon }]', /expires must be a date/],
    ['waivers: [{ rule: A-1, reason: r, resource: { pod: x } }]', /resource: unknown key "pod"/],
    ['failOn: always', /"failOn" must be a severity or none/],
    ['- a list', /must be a map/],
    ['a: [', /invalid YAML/],
    ['clusters: { definition: a }', /"clusters" must be a list/],
    ['clusters:\n  - manifests: [k8s]', /clusters\[0\] \(line 2\)\.definition is required/],
    ['clusters: [{ definition: a, manifests: [] }]', /manifests must be a non-empty list/],
    ['clusters: [{ definition: a, manifests: [k8s], cluster: x }]', /unknown key "cluster"/],
  ];
  for (const [text, message] of invalid) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      assert.throws(
        () => parseConfig(text, 'c.yaml'),
        (error: unknown) =>
          error instanceof ConfigError && message.test(error.message) && error.message.startsWith('c.yaml: '),
      );
    });
  }
});
