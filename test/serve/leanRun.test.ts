import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadAll } from 'js-yaml';
import { type AksguardConfig, emptyConfig } from '../../src/config/config.js';
import { liveDocument } from '../../src/load/document.js';
import { buildInventory } from '../../src/load/inventory.js';
import { objectsOfDocument } from '../../src/load/k8s/objects.js';
import { emptyCoverage } from '../../src/model/coverage.js';
import { isKubernetesKind, KUBERNETES_KINDS } from '../../src/model/inputs.js';
import { isJsonObject, type JsonObject } from '../../src/model/json.js';
import { defaultSettings, defineRule, type ScanSettings } from '../../src/rules/defineRule.js';
import { examplesOf, readRuleDoc } from '../../src/rules/docs.js';
import { allRules } from '../../src/rules/index.js';
import { runRules } from '../../src/rules/runRules.js';
import { AdmissionEngine, admissionRules, type Decision } from '../../src/serve/engine.js';
import { type ModePolicy, parseModePolicy } from '../../src/serve/modes.js';
import { type AdmissionRequest, parseReview } from '../../src/serve/review.js';
import { AdmissionRuleRun, prepareRule, RULE_FAILED } from '../../src/serve/ruleRun.js';
import { admissionReviews } from '../fakes/admissionReviews.js';

/**
 * The lean rule run (src/serve/ruleRun.ts) must decide exactly as the full one (runRules, the scan's findings):
 * the same answer (allowed, status message, warnings, audit annotations), the same findings with their modes, and
 * the same not-evaluated entries, for every review below under several configurations and mode policies.
 */

type Labels = Record<string, string>;

interface Case {
  name: string;
  request: AdmissionRequest;
  /** Namespace labels the cache knows; a namespace absent here is not known yet. */
  namespaces: Map<string, Labels>;
  settings: Partial<ScanSettings>;
}

/** What a decision says, finding by finding (the lean record's fields, each with its mode). */
function decided(decision: Decision) {
  return {
    response: decision.response,
    findings: decision.findings.map(({ finding, mode }) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      title: finding.title,
      message: finding.message,
      fix: finding.fix,
      resource: [finding.resource.kind, finding.resource.namespace, finding.resource.name],
      mode,
    })),
    notEvaluated: decision.notEvaluated,
  };
}

function apiVersionParts(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** A CREATE review of every object of an admitted kind in each workload rule's docs examples. */
function docsCases(): Case[] {
  const cases: Case[] = [];
  for (const rule of admissionRules(allRules)) {
    const page = readRuleDoc(rule.id);
    if (!page) continue;
    for (const example of examplesOf(page)) {
      const objects: JsonObject[] = [];
      for (const [file, text] of Object.entries(example.files)) {
        if (!/\.ya?ml$/.test(file)) continue;
        for (const document of loadAll(text))
          if (isJsonObject(document) && typeof document.apiVersion === 'string') objects.push(document);
      }
      const namespaces = new Map<string, Labels>();
      for (const object of objects) {
        const metadata = isJsonObject(object.metadata) ? object.metadata : {};
        if (object.kind === 'Namespace' && typeof metadata.name === 'string')
          namespaces.set(metadata.name, (isJsonObject(metadata.labels) ? metadata.labels : {}) as Labels);
      }
      for (const [index, object] of objects.entries()) {
        const kind = String(object.kind);
        if (!isKubernetesKind(kind)) continue;
        const { group, version } = apiVersionParts(String(object.apiVersion));
        const metadata = isJsonObject(object.metadata) ? object.metadata : {};
        const request: AdmissionRequest = {
          uid: `${rule.id}-${example.line}-${index}`,
          kind: { group, version, kind },
          operation: 'CREATE',
          object,
          dryRun: false,
        };
        if (KUBERNETES_KINDS[kind].namespaced)
          request.namespace = typeof metadata.namespace === 'string' ? metadata.namespace : 'default';
        if (typeof metadata.name === 'string') request.name = metadata.name;
        // Namespaces the example does not declare are known to the cache, with no labels.
        const known = new Map(namespaces);
        if (request.namespace !== undefined && !known.has(request.namespace))
          known.set(request.namespace, {});
        cases.push({
          name: `${rule.id} ${example.expect} example at line ${example.line}, ${kind} ${index}`,
          request,
          namespaces: known,
          settings: (example.settings ?? {}) as Partial<ScanSettings>,
        });
      }
    }
  }
  return cases;
}

/**
 * The bench's reviews (the AKS store demo's Deployments and Pods): their namespace known, not known yet, and with
 * annotation waivers (one rule, and every rule, which the default configuration refuses).
 */
function realisticCases(): Case[] {
  return admissionReviews().flatMap((body, index) => {
    const parsed = parseReview(body);
    assert.ok(parsed.ok);
    const object = parsed.request.object as JsonObject;
    const metadata = object.metadata as JsonObject;
    const annotated = {
      ...parsed.request,
      object: {
        ...object,
        metadata: {
          ...metadata,
          annotations: {
            ...(metadata.annotations as JsonObject | undefined),
            'aksguard.io/ignore': 'WL-HARD-readOnlyRootFs: writes its cache; *: everything; bad entry',
          },
        },
      },
    };
    return [
      {
        name: `realistic review ${index}, annotation waivers`,
        request: annotated,
        namespaces: new Map([['pets', {}]]),
        settings: {},
      },
      {
        name: `realistic review ${index}`,
        request: parsed.request,
        namespaces: new Map([['pets', { 'pod-security.kubernetes.io/warn': 'baseline' }]]),
        settings: {},
      },
      {
        name: `realistic review ${index}, namespace unknown`,
        request: parsed.request,
        namespaces: new Map(),
        settings: {},
      },
    ];
  });
}

/** A configuration with what the lean run settles at start-up: parameters, severities, disabled rules, waivers. */
function tunedConfig(): AksguardConfig {
  const config = emptyConfig();
  config.rules['WL-IMG-untrustedRegistry'] = { params: { allowedRegistries: ['docker.io', '*.azurecr.io'] } };
  config.rules['WL-HARD-readOnlyRootFs'] = { severity: 'critical' };
  config.rules['WL-PSS-runAsNonRoot'] = { severity: 'low' };
  config.rules['WL-RES-cpuLimit'] = { enabled: false };
  config.waivers.push(
    { rule: 'WL-IMG-notDigestPinned', reason: 'tags are immutable in our registry' },
    {
      rule: 'WL-PSS-*',
      resource: { namespace: 'pets', name: 'order-*' },
      reason: 'migrating',
      expires: '2099-01-01',
    },
    { rule: 'WL-SEC-defaultServiceAccount', reason: 'expired', expires: '2000-01-01' },
  );
  return config;
}

const POLICIES: [string, ModePolicy][] = [
  ['warn, high and critical enforced', parseModePolicy('warn', ['high=enforce', 'critical=enforce'])],
  ['enforce, images audited', parseModePolicy('enforce', ['WL-IMG-=audit', 'WL-PSS-runAsUser=warn'])],
];

describe('aksguard serve: the lean rule run decides as the full one', () => {
  const cases = [...realisticCases(), ...docsCases()];
  const configs: [string, AksguardConfig][] = [
    ['no configuration', emptyConfig()],
    ['tuned configuration', tunedConfig()],
  ];
  for (const [configName, config] of configs)
    for (const [policyName, modes] of POLICIES)
      it(`${configName}, ${policyName}: ${cases.length} reviews`, () => {
        const engines = new Map<string, AdmissionEngine>();
        // The namespaces the cache knows for the case under review (engines are shared by cases with one settings).
        let known = new Map<string, Labels>();
        const engineFor = (ruleRun: 'lean' | 'full', item: Case) => {
          known = item.namespaces;
          const key = `${ruleRun} ${JSON.stringify(item.settings)}`;
          let engine = engines.get(key);
          if (!engine) {
            engine = new AdmissionEngine({
              rules: allRules,
              config,
              settings: { ...defaultSettings(), ...item.settings },
              modes,
              namespaces: { labels: (name) => known.get(name) },
              today: () => '2026-12-05',
              ruleRun,
            });
            engines.set(key, engine);
          }
          return engine;
        };
        let findings = 0;
        let denied = 0;
        let warned = 0;
        let waived = 0;
        let notEvaluated = 0;
        for (const item of cases) {
          const full = decided(engineFor('full', item).review(item.request));
          const lean = decided(engineFor('lean', item).review(item.request));
          assert.deepEqual(lean, full, item.name);
          findings += full.findings.length;
          if (!full.response.allowed) denied++;
          if (full.response.warnings) warned++;
          if (full.response.auditAnnotations?.waived) waived++;
          notEvaluated += full.notEvaluated.length;
        }
        // Not a vacuous comparison: the reviews give findings, denials, warnings, waivers and unknown namespaces.
        assert.ok(cases.length > 150, `${cases.length} reviews`);
        assert.ok(findings > 800, `${findings} findings`);
        assert.ok(denied > 40, `${denied} denials`);
        if (policyName.startsWith('warn')) assert.ok(warned > 100, `${warned} answers with warnings`);
        assert.ok(
          waived >= (configName === 'tuned configuration' ? 100 : 16),
          `${waived} answers with waivers`,
        );
        assert.ok(notEvaluated >= 300, `${notEvaluated} not evaluated`);
      });
});

describe('aksguard serve: the lean rule run, rule by rule', () => {
  it("keeps runRules' identities: a repeated finding once, one identity with two messages twice", () => {
    const rule = defineRule({
      id: 'WL-TEST-repeats',
      title: 'Repeats',
      description: 'Reports the same things several times.',
      severity: 'medium',
      family: 'workload',
      inputs: { kubernetes: ['Pod'] },
      fix: { manifest: 'the rule fix' },
      params: { word: { default: 'default', description: 'a word' } },
      check(context) {
        for (const object of context.inventory.byKind.get('Pod') ?? []) {
          const word = String(context.params.word);
          context.report({ object, message: `a ${word}`, key: 'k' });
          context.report({ object, message: `a ${word}`, key: 'k' });
          context.report({ object, message: 'b', key: 'k', severity: 'low' });
          context.report({ object, message: 'b', key: 'k' });
          context.report({ object, message: 'a', path: ['spec', 'containers', 0], fix: 'its own fix' });
          context.report({ object, message: 'a', path: ['spec', 'containers', 1] });
          context.notEvaluated({ object, reason: 'no way to know' });
          throw new Error('a rule that fails keeps what it reported');
        }
      },
    });
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: {} };
    const review = (ruleRun: 'lean' | 'full') => {
      const config = emptyConfig();
      config.rules[rule.id] = { params: { word: 'configured' } };
      const engine = new AdmissionEngine({
        rules: [rule],
        config,
        settings: defaultSettings(),
        modes: parseModePolicy('warn', []),
        namespaces: { labels: () => ({}) },
        ruleRun,
      });
      return engine.review({
        uid: 'u',
        kind: { group: '', version: 'v1', kind: 'Pod' },
        namespace: 'shop',
        name: 'p',
        operation: 'CREATE',
        object: pod,
        dryRun: false,
      });
    };
    const lean = review('lean');
    assert.deepEqual(decided(lean), decided(review('full')));
    assert.deepEqual(
      lean.findings.map(({ finding }) => [finding.message, finding.severity, finding.fix]),
      [
        ['a configured', 'medium', 'the rule fix'],
        ['b', 'low', 'the rule fix'],
        ['a', 'medium', 'its own fix'],
        ['a', 'medium', 'the rule fix'],
      ],
    );
    assert.deepEqual(lean.notEvaluated, [
      {
        ruleId: 'WL-TEST-repeats',
        reason: 'no way to know',
        resource: {
          apiVersion: 'v1',
          kind: 'Pod',
          name: 'p',
          namespace: 'shop',
          apiPath: '/api/v1/namespaces/shop/pods/p',
        },
      },
      // It threw: the rest of its verdict is unknown, so it is not evaluated (and says so in the audit annotations).
      { ruleId: 'WL-TEST-repeats', reason: RULE_FAILED },
    ]);
    assert.equal(lean.response.auditAnnotations?.['not-evaluated'], 'WL-TEST-repeats');
  });
});

describe('aksguard serve: the lean run keeps one finding per identity and message, as runRules', () => {
  // Each report: [message, key or path]. A rule's reports past the first eight are kept in a map by identity (the
  // dedup's second form), so every table runs below and above that count.
  type Report = [string, { key: string } | { path: (string | number)[] }];
  const containers = (n: number, message: (i: number) => string): Report[] =>
    Array.from({ length: n }, (_, i) => [message(i), { path: ['spec', 'containers', i, 'image'] }]);
  const cases: { name: string; reports: Report[]; kept: number }[] = [
    { name: 'nothing repeated', reports: containers(3, (i) => `image ${i}`), kept: 3 },
    {
      name: 'the same message at the same path twice, few reports',
      reports: [...containers(3, () => 'unpinned'), ...containers(3, () => 'unpinned')],
      kept: 3,
    },
    {
      name: 'the same message at the same path twice, many reports',
      reports: [...containers(20, () => 'unpinned'), ...containers(20, () => 'unpinned')],
      kept: 20,
    },
    {
      name: 'one identity, two messages, repeated after the switch to the map',
      reports: [
        ...containers(9, (i) => `image ${i}`),
        ['a', { key: 'k' }],
        ['b', { key: 'k' }],
        ['a', { key: 'k' }],
        ['b', { key: 'k' }],
      ],
      kept: 11,
    },
    {
      name: 'a key and the path that formats to it are one identity',
      reports: [
        ['m', { key: 'spec.containers[0].image' }],
        ['m', { path: ['spec', 'containers', 0, 'image'] }],
        ['m', { path: ['spec', 'containers', 1, 'image'] }],
      ],
      kept: 2,
    },
  ];
  for (const { name, reports, kept } of cases)
    it(name, () => {
      const rule = defineRule({
        id: 'WL-TEST-dedup',
        title: 'Dedup',
        description: 'Reports the given table.',
        severity: 'medium',
        family: 'workload',
        inputs: { kubernetes: ['Pod'] },
        check(context) {
          for (const object of context.inventory.byKind.get('Pod') ?? []) {
            // One input object reused for every report, as a rule may do: what counts is what it held when reported.
            const input: {
              object: typeof object;
              message: string;
              key?: string;
              path?: (string | number)[];
            } = {
              object,
              message: '',
            };
            for (const [message, where] of reports) {
              input.message = message;
              if ('key' in where) {
                input.key = where.key;
                delete input.path;
              } else {
                input.path = where.path;
                delete input.key;
              }
              context.report(input);
            }
          }
        },
      });
      const review = (ruleRun: 'lean' | 'full') =>
        new AdmissionEngine({
          rules: [rule],
          config: emptyConfig(),
          settings: defaultSettings(),
          modes: parseModePolicy('audit', []),
          namespaces: { labels: () => ({}) },
          ruleRun,
        }).review({
          uid: 'u',
          kind: { group: '', version: 'v1', kind: 'Pod' },
          namespace: 'shop',
          name: 'p',
          operation: 'CREATE',
          object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: {} },
          dryRun: false,
        });
      const lean = review('lean');
      assert.deepEqual(decided(lean), decided(review('full')));
      assert.equal(lean.findings.length, kept);
    });
});

describe('aksguard serve: the lean rule run over an inventory with unread inputs', () => {
  it('leaves the rules that read them not evaluated, as runRules does', () => {
    const pod = objectsOfDocument(
      liveDocument(
        { source: 'admission', api: 'kubernetes', path: '/api/v1/namespaces/shop/pods/p' },
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p', namespace: 'shop' },
          spec: { containers: [{ name: 'c', image: 'nginx', securityContext: { privileged: true } }] },
        },
      ),
      'default',
    ).objects;
    const coverage = emptyCoverage();
    coverage.unreadable.push({ source: 'in-cluster', kind: 'Pod', namespace: 'shop', reason: 'HTTP 403' });
    const inventory = buildInventory(pod, [], [], [], coverage);
    const rules = admissionRules(allRules);
    const settings = defaultSettings();
    const lean = new AdmissionRuleRun(settings).run(
      inventory,
      rules.map((rule) => prepareRule(rule, {})),
    );
    const full = runRules(inventory, rules, { settings });
    assert.deepEqual(lean.notEvaluated, full.notEvaluated);
    assert.deepEqual(lean.findings, []);
    assert.ok(lean.notEvaluated.some((entry) => entry.ruleId === 'WL-PSS-privileged'));
    assert.match(
      lean.notEvaluated[0]!.reason,
      /^Pod in namespace shop could not be read from in-cluster: HTTP 403/,
    );
  });
});
