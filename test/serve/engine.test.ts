import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyConfig } from '../../src/config/config.js';
import type { Finding } from '../../src/model/finding.js';
import { defaultSettings } from '../../src/rules/defineRule.js';
import { allRules } from '../../src/rules/index.js';
import {
  AdmissionEngine,
  admissionRules,
  admittedKinds,
  NOT_AT_ADMISSION,
  warningLines,
} from '../../src/serve/engine.js';
import { WebhookMetrics } from '../../src/serve/metrics.js';
import { ModeError, modeOf, parseModePolicy } from '../../src/serve/modes.js';
import { parseReview } from '../../src/serve/review.js';
import { admissionReviews } from '../fakes/admissionReviews.js';

/** The warning lines of an answer (what `warnings` carries). */
function warningsOf(findings: readonly Pick<Finding, 'ruleId' | 'message'>[]): string[] {
  return warningLines(findings).lines;
}

function finding(ruleId: string, message: string): Finding {
  return {
    ruleId,
    severity: 'medium',
    title: '',
    message,
    resource: { kind: 'Pod', name: 'p' },
    fingerprint: 'f',
  };
}

describe('admission engine pieces', () => {
  it('modes: rule id, then the longest prefix, then severity, then the default', () => {
    const policy = parseModePolicy('warn', [
      'high=enforce',
      'WL-=audit',
      'WL-PSS-=enforce',
      'WL-PSS-runAsUser=warn',
    ]);
    const table: [string, 'critical' | 'high' | 'medium' | 'low', string][] = [
      ['WL-PSS-runAsUser', 'high', 'warn'],
      ['WL-PSS-privileged', 'low', 'enforce'],
      ['WL-RES-cpuLimit', 'high', 'audit'],
      ['X-NET-policiesNotEnforced', 'high', 'enforce'],
      ['X-NET-policiesNotEnforced', 'medium', 'warn'],
    ];
    for (const [rule, severity, mode] of table)
      assert.equal(modeOf(policy, rule, severity), mode, `${rule} ${severity}`);
    assert.throws(() => parseModePolicy('block', []), ModeError);
    assert.throws(() => parseModePolicy('warn', ['high=deny']), ModeError);
    assert.throws(() => parseModePolicy('warn', ['high']), ModeError);
  });

  it('warnings: rule id first, each at most 256 characters, all at most 4 KiB, the rest counted', () => {
    const findings = Array.from({ length: 40 }, (_, i) =>
      finding(`WL-R-${i}`, `${'é'.repeat(300)}\u001b[31m`),
    );
    const warnings = warningsOf(findings);
    for (const warning of warnings.slice(0, -1)) {
      assert.match(warning, /^WL-R-\d+: é/);
      assert.equal([...warning].length, 256);
      assert.ok(warning.endsWith('…'));
    }
    assert.ok(warnings.reduce((sum, w) => sum + Buffer.byteLength(w), 0) <= 4096);
    assert.match(warnings.at(-1)!, /^aksguard: \d+ more finding\(s\) not shown/);
    assert.equal(warnings.length - 1 + Number(/(\d+) more/.exec(warnings.at(-1)!)![1]), 40);
    assert.deepEqual(warningsOf([finding('WL-A', 'line\nbreak\u0007')]), ['WL-A: line break ']);
    // Characters are code points: a surrogate pair counts once and is never split; a lone surrogate counts once.
    const [emoji] = warningsOf([finding('WL-B', '😀'.repeat(300))]);
    assert.equal([...emoji!].length, 256);
    assert.equal(emoji, `WL-B: ${'😀'.repeat(249)}…`);
    const exact = `${'😀'.repeat(250)}`;
    assert.deepEqual(warningsOf([finding('WL-C', exact)]), [`WL-C: ${exact}`]);
    assert.equal(
      warningsOf([finding('WL-D', `\ud800${'x'.repeat(300)}`)])[0],
      `WL-D: \ud800${'x'.repeat(248)}…`,
    );
    // A pair across the 256th character: cut before it, never inside it.
    assert.equal(
      warningsOf([finding('WL-E', `${'x'.repeat(249)}😀${'y'.repeat(10)}`)])[0],
      `WL-E: ${'x'.repeat(249)}…`,
    );
    assert.equal(warningsOf([finding('WL-F', 'z'.repeat(251))])[0], `WL-F: ${'z'.repeat(249)}…`);
  });

  it('warnings of printable ASCII (the usual line): clipped and counted in bytes as any other line', () => {
    // [message, expected line]: 256 characters kept whole, 257 clipped to 255 and the ellipsis; DEL (U+007F) and
    // a tab are control characters (spaces), `~` (U+007E) and the space are printable.
    const cases: [string, string][] = [
      ['x'.repeat(250), `WL-G: ${'x'.repeat(250)}`],
      ['x'.repeat(251), `WL-G: ${'x'.repeat(249)}…`],
      ['~ ~', 'WL-G: ~ ~'],
      ['a\u007fb\tc', 'WL-G: a b c'],
      [`${'x'.repeat(300)}\u007f`, `WL-G: ${'x'.repeat(249)}…`],
    ];
    for (const [message, expected] of cases)
      assert.deepEqual(warningsOf([finding('WL-G', message)]), [expected]);
    // Clipped ASCII lines are 258 bytes (the ellipsis is 3): 15 fit in 4 KiB with room for the count of the rest.
    const warnings = warningsOf(Array.from({ length: 40 }, (_, i) => finding(`WL-R-${i}`, 'a'.repeat(300))));
    assert.equal(warnings.length, 16);
    assert.equal(warnings[14], `WL-R-14: ${'a'.repeat(246)}…`);
    assert.equal(warnings[15], 'aksguard: 25 more finding(s) not shown (see the audit log or metrics)');
    assert.equal(
      warnings.slice(0, 15).reduce((sum, w) => sum + Buffer.byteLength(w), 0),
      15 * 258,
    );
  });

  it("a namespace's labels changed (in place or replaced) are seen by the next review, as by a new engine", () => {
    const PSS = 'pod-security.kubernetes.io/enforce';
    let labels: Record<string, string> = {};
    const engine = () =>
      new AdmissionEngine({
        rules: allRules,
        config: emptyConfig(),
        settings: defaultSettings(),
        modes: parseModePolicy('warn', ['critical=enforce', 'high=enforce']),
        namespaces: { labels: (name) => (name === 'pets' ? labels : undefined) },
      });
    const kept = engine();
    const parsed = parseReview(admissionReviews()[0]!);
    assert.ok(parsed.ok);
    const pssFindings = () =>
      kept
        .review(parsed.request)
        .findings.filter(({ finding }) => finding.ruleId.startsWith('WL-PSS-'))
        .map(({ finding }) => finding.ruleId);
    // [labels, then changed how, the WL-PSS findings]: unlabelled is judged at restricted (the scan's level).
    const steps: [string, () => void, string[]][] = [
      [
        'no label',
        () => {},
        [
          'WL-PSS-allowPrivilegeEscalation',
          'WL-PSS-capabilities_restricted',
          'WL-PSS-runAsNonRoot',
          'WL-PSS-seccompProfile_restricted',
        ],
      ],
      [
        'privileged, in place',
        () => {
          labels[PSS] = 'privileged';
        },
        [],
      ],
      [
        'restricted, in place',
        () => {
          labels[PSS] = 'restricted';
        },
        [
          'WL-PSS-allowPrivilegeEscalation',
          'WL-PSS-capabilities_restricted',
          'WL-PSS-runAsNonRoot',
          'WL-PSS-seccompProfile_restricted',
        ],
      ],
      [
        'privileged, a new object',
        () => {
          labels = { [PSS]: 'privileged' };
        },
        [],
      ],
      [
        'the label removed, in place',
        () => {
          delete labels[PSS];
        },
        [
          'WL-PSS-allowPrivilegeEscalation',
          'WL-PSS-capabilities_restricted',
          'WL-PSS-runAsNonRoot',
          'WL-PSS-seccompProfile_restricted',
        ],
      ],
    ];
    for (const [name, change, expected] of steps) {
      change();
      assert.deepEqual(pssFindings(), expected, name);
      // The whole decision, as an engine that never saw the namespace before makes it.
      assert.deepEqual(kept.review(parsed.request), engine().review(parsed.request), name);
    }
  });

  it('runs the workload rules that judge one object, and says why the others cannot', () => {
    const ids = admissionRules(allRules).map((rule) => rule.id);
    assert.ok(ids.includes('WL-PSS-privileged') && ids.includes('WL-NET-publicLoadBalancer'));
    for (const id of NOT_AT_ADMISSION.keys()) assert.ok(!ids.includes(id), id);
    assert.ok(!admittedKinds(allRules).includes('Secret'), 'Secrets are never sent to the webhook');
    assert.deepEqual(admittedKinds(allRules).sort(), [
      'Alertmanager',
      'CloneSet',
      'ConfigMap',
      'CronJob',
      'DaemonSet',
      'Deployment',
      'Ingress',
      'Job',
      'Namespace',
      'NetworkPolicy',
      'NginxIngressController',
      'Pod',
      'PodTemplate',
      'Prometheus',
      'ReplicaSet',
      'ReplicationController',
      'Role',
      'RoleBinding',
      'Rollout',
      'ScaledJob',
      'Service',
      'ServiceAccount',
      'StatefulSet',
      'ThanosRuler',
    ]);
  });

  it('metrics: findings counted by rule, then mode, in code-unit order', () => {
    const metrics = new WebhookMetrics();
    const seen: [string, string][] = [
      ['WL-PSS-runAsUser', 'warn'],
      ['WL-A', 'enforce'],
      ['WL-PSS-runAsUser', 'audit'],
      ['WL-AB', 'audit'],
      ['WL-PSS-runAsUser', 'warn'],
      ['WL-a"\\', 'warn'],
    ];
    for (const [rule, mode] of seen) metrics.finding(rule, mode);
    const lines = metrics
      .text()
      .split('\n')
      .filter((line) => line.startsWith('aksguard_admission_findings_total{'));
    assert.deepEqual(lines, [
      'aksguard_admission_findings_total{rule="WL-A",mode="enforce"} 1',
      'aksguard_admission_findings_total{rule="WL-AB",mode="audit"} 1',
      'aksguard_admission_findings_total{rule="WL-PSS-runAsUser",mode="audit"} 1',
      'aksguard_admission_findings_total{rule="WL-PSS-runAsUser",mode="warn"} 2',
      'aksguard_admission_findings_total{rule="WL-a\\"\\\\",mode="warn"} 1',
    ]);
  });

  it('parses v1 and v1beta1 reviews and answers in the version asked', () => {
    const body = (apiVersion: string) =>
      JSON.stringify({
        apiVersion,
        kind: 'AdmissionReview',
        request: {
          uid: 'u',
          kind: { group: '', version: 'v1', kind: 'Pod' },
          operation: 'CREATE',
          object: {},
        },
      });
    const v1beta1 = parseReview(body('admission.k8s.io/v1beta1'));
    assert.ok(v1beta1.ok && v1beta1.apiVersion === 'admission.k8s.io/v1beta1');
    const other = parseReview(body('admission.k8s.io/v2'));
    assert.ok(!other.ok && other.uid === 'u' && /expected an AdmissionReview/.test(other.message));
    const proto = parseReview(
      '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u","kind":{"kind":"Pod","version":"v1"},"operation":"UPDATE","object":{"__proto__":{"x":1}}}}',
    );
    assert.ok(proto.ok && Object.getPrototypeOf(proto.request.object) === Object.prototype);
  });
});

describe('aksguard serve / generate vap: usage errors exit 2 with the reason', () => {
  it('refuses bad modes, unreadable certificates and unknown rules', async () => {
    const { runCli } = await import('../support/cli.js');
    const cases: [string[], RegExp][] = [
      [
        ['serve', '--mode-for', 'high=block'],
        /--mode-for "high=block": expected SELECTOR=audit\|warn\|enforce/,
      ],
      [['serve', '--mode', 'block'], /argument 'block' is invalid/],
      [['serve', '--port', '70000'], /--port must be a port number/],
      [
        [
          'serve',
          '--tls-cert-file',
          '/nonexistent/tls.crt',
          '--tls-key-file',
          '/nonexistent/tls.key',
          '--no-config',
        ],
        /cannot read the TLS files \/nonexistent\/tls\.crt, \/nonexistent\/tls\.key: ENOENT/,
      ],
      [['generate', 'vap', '--rule', 'WL-NOPE', '--no-config'], /--rule WL-NOPE: no such rule/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message, args.join(' '));
    }
  });
});
