import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { allRules } from '../rules/index.js';
import { ConfigError, parseConfig } from './config.js';
import { configSchema } from './schema.js';

describe('configuration file', () => {
  it('reads rule switches, severities, parameters, waivers with their lines, and settings', () => {
    const config = parseConfig(
      `failOn: medium
allowAnnotationWaivers: false
rules:
  AKS-NET-01: off
  AKS-NET-02: critical
  WL-SEC-secretInConfigMap: { enabled: true, params: { ignoreKeys: [x] } }
waivers:
    - rule: AKS-NET-01
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
      'AKS-NET-01': { enabled: false },
      'AKS-NET-02': { severity: 'critical' },
      'WL-SEC-secretInConfigMap': { enabled: true, params: { ignoreKeys: ['x'] } },
    });
    assert.deepEqual(config.waivers, [
      { rule: 'AKS-NET-01', reason: 'accepted', expires: '2027-01-31', line: 8 },
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

  // Each refused configuration with its message, file and line.
  const invalid: [string, string][] = [
    [
      'rulez: {}',
      'c.yaml:1: unknown key "rulez" (known: failOn, allowAnnotationWaivers, allowAnnotationWaiveAll, rules, waivers, settings, clusters)',
    ],
    ['rules:\n  NOPE-1: off', 'c.yaml:2: rules: unknown rule "NOPE-1" (aksguard rules lists them)'],
    [
      'rules:\n  AKS-NET-01: maybe',
      'c.yaml:2: rules.AKS-NET-01 must be off, on, critical, high, medium, low or info, or a map with enabled/severity/params',
    ],
    [
      'rules: { AKS-NET-01: { severity: severe } }',
      'c.yaml:1: rules.AKS-NET-01.severity must be critical, high, medium, low or info',
    ],
    [
      'rules: { AKS-NET-01: { level: high } }',
      'c.yaml:1: rules.AKS-NET-01: unknown key "level" (known: enabled, severity, params)',
    ],
    [
      'rules:\n  WL-SEC-secretInConfigMap:\n    params:\n      ignoreKeys: 5',
      'c.yaml:4: rules.WL-SEC-secretInConfigMap.params.ignoreKeys must be a list of keys',
    ],
    [
      'rules:\n  WL-SEC-secretInConfigMap:\n    params:\n      ignoreKey: [a]',
      'c.yaml:4: rules.WL-SEC-secretInConfigMap.params: unknown parameter "ignoreKey" (known: ignoreKeys)',
    ],
    [
      'rules:\n  AKS-NET-04: { params: { minPrefixLength: "8" } }',
      'c.yaml:2: rules.AKS-NET-04.params.minPrefixLength must be a prefix length from 0 to 32',
    ],
    [
      'rules:\n  AKS-IAM-04: { params: { x: 1 } }',
      'c.yaml:2: rules.AKS-IAM-04.params: unknown parameter "x" (this rule has none)',
    ],
    ['waivers: [{ rule: AKS-NET-01 }]', 'c.yaml:1: waivers[0].reason is required'],
    [
      'waivers:\n  - rule: NOPE-*\n    reason: r',
      'c.yaml:2: waivers[0].rule matches no rule (aksguard rules lists them)',
    ],
    [
      'waivers: [{ rule: AKS-NET-01, reason: r, expires: soon }]',
      'c.yaml:1: waivers[0].expires must be a date like 2027-01-31',
    ],
    [
      'waivers: [{ rule: AKS-NET-01, reason: r, resource: { pod: x } }]',
      'c.yaml:1: waivers[0].resource: unknown key "pod" (known: kind, namespace, name)',
    ],
    ['failOn: always', 'c.yaml:1: failOn must be a severity or none'],
    ['settings:\n  pssLevel: privileged', 'c.yaml:2: settings.pssLevel must be baseline or restricted'],
    ['settings:\n  pssVersion: bogus', 'c.yaml:2: settings.pssVersion must be latest or v1.N'],
    [
      'settings:\n  k8sVersion: banana',
      'c.yaml:2: settings.k8sVersion must be a Kubernetes version like 1.33 or v1.33.2',
    ],
    [
      'settings:\n  netpolEngine: magic',
      'c.yaml:2: settings.netpolEngine must be auto, spec, azure, calico, cilium, none, netpol-analyzer',
    ],
    [
      'settings:\n  pssLvl: baseline',
      'c.yaml:2: settings: unknown key "pssLvl" (known: defaultNamespace, pssLevel, pssVersion, netpolEngine, k8sVersion, azureRoleAssignmentsFile)',
    ],
    ['allowAnnotationWaiveAll: yes please', 'c.yaml:1: allowAnnotationWaiveAll must be true or false'],
    ['- a list', 'c.yaml: the configuration must be a map'],
    ['a: [', 'c.yaml: invalid YAML'],
    [
      'clusters: { definition: a }',
      'c.yaml:1: clusters must be a list of { definition, manifests } (which manifests run on which cluster)',
    ],
    ['clusters:\n  - manifests: [k8s]', 'c.yaml:2: clusters[0].definition is required'],
    [
      'clusters: [{ definition: a, manifests: [] }]',
      'c.yaml:1: clusters[0].manifests must be a non-empty list of path globs (e.g. ["k8s/**"])',
    ],
    [
      'clusters: [{ definition: a, manifests: [k8s], cluster: x }]',
      'c.yaml:1: clusters[0]: unknown key "cluster" (known: definition, name, manifests)',
    ],
  ];
  for (const [text, message] of invalid) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      assert.throws(
        () => parseConfig(text, 'c.yaml'),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.equal(error.message.slice(0, message.length), message);
          return true;
        },
      );
    });
  }

  it('the schema is generated from the catalogue: every rule and every parameter, nothing else', () => {
    const schema = configSchema(allRules) as {
      properties: {
        rules: { properties: Record<string, { then: { properties: { params: { properties: object } } } }> };
      };
    };
    const rules = schema.properties.rules.properties;
    assert.deepEqual(
      Object.keys(rules),
      allRules.map((rule) => rule.id),
    );
    for (const rule of allRules)
      assert.deepEqual(
        Object.keys(rules[rule.id]!.then.properties.params.properties),
        Object.keys(rule.params ?? {}),
      );
    // Every parameter's default fits its own schema.
    const ajv = new Ajv({ strict: false });
    for (const rule of allRules)
      for (const [name, param] of Object.entries(rule.params ?? {})) {
        const validate = ajv.compile(
          (rules[rule.id]!.then.properties.params.properties as Record<string, object>)[name]!,
        );
        assert.ok(validate(param.default), `${rule.id}.${name}: ${JSON.stringify(validate.errors)}`);
      }
  });
});

describe('schema/aksguard-config.schema.json', () => {
  it('is the schema generated from the catalogue (regenerate: aksguard rules --config-schema > schema/aksguard-config.schema.json)', async () => {
    const { readFileSync } = await import('node:fs');
    const committed = readFileSync(
      new URL('../../schema/aksguard-config.schema.json', import.meta.url),
      'utf8',
    );
    assert.deepEqual(JSON.parse(committed), JSON.parse(JSON.stringify(configSchema(allRules))));
  });
});
