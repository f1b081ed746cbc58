import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { RbacEngine } from '../../src/engines/rbac/engine.js';
import { KUBERNETES_KINDS, type KubernetesKindInfo } from '../../src/model/inputs.js';
import type { Report } from '../../src/report/report.js';
import { allRules } from '../../src/rules/index.js';
import { inputsOfRules } from '../../src/rules/inputs.js';
import { admittedKinds } from '../../src/serve/engine.js';
import { testBinaries } from '../support/binaries.js';
import { runCli } from '../support/cli.js';

// The packaged helm is a linux-x64 build; elsewhere these tests are skipped (never in CI).
const binaries = testBinaries();
if (typeof binaries === 'string' && process.platform === 'linux' && process.arch === 'x64')
  throw new Error(`helm for the chart tests: ${binaries}`);
const skip = typeof binaries === 'string' ? binaries : false;
const ROOT = new URL('../../', import.meta.url).pathname;
const CHART = 'deploy/helm/aksguard';
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

type Json = Record<string, unknown>;

function helm(args: string[]): { status: number; stdout: string; stderr: string } {
  if (typeof binaries === 'string') throw new Error(binaries);
  const result = spawnSync(binaries.helm, args, { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function render(set: string[] = []): Json[] {
  const result = helm([
    'template',
    'ag',
    CHART,
    '-n',
    'aksguard',
    ...set.flatMap((value) => ['--set', value]),
  ]);
  assert.equal(result.status, 0, result.stderr);
  return parseAllDocuments(result.stdout)
    .map((document) => document.toJS() as Json | null)
    .filter((object): object is Json => object !== null);
}

function named(objects: Json[], kind: string, name: string): Json {
  const found = objects.find((o) => o.kind === kind && (o.metadata as { name: string }).name === name);
  assert.ok(found, `${kind} ${name}`);
  return found;
}

const SA = 'system:serviceaccount:aksguard:ag-aksguard-scanner';
const GROUPS = ['system:serviceaccounts', 'system:serviceaccounts:aksguard', 'system:authenticated'];

describe('the Helm chart deploy/helm/aksguard', { skip }, () => {
  it('helm lint: no warning and no error, with and without the webhook', () => {
    for (const set of [
      [],
      ['webhook.enabled=true'],
      [
        'webhook.enabled=true',
        'webhook.tls.certManager=false',
        'webhook.tls.secretName=tls',
        'webhook.tls.caBundle=Y2E=',
      ],
    ]) {
      const result = helm(['lint', CHART, ...set.flatMap((value) => ['--set', value])]);
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /1 chart\(s\) linted, 0 chart\(s\) failed/);
      assert.doesNotMatch(result.stdout, /\[(WARNING|ERROR)\]/);
    }
  });

  it('dogfooding: aksguard scans its own chart (rendered by helm, webhook on) with zero findings at restricted', async () => {
    if (typeof binaries === 'string') return;
    const result = await runCli(
      [
        'scan',
        CHART,
        '--helm-bin',
        binaries.helm,
        '--set',
        'webhook.enabled=true',
        '--set',
        `image.digest=${DIGEST}`,
        '-n',
        'aksguard',
        '--pss-level',
        'restricted',
        '--no-config',
        '-o',
        'json',
        '--fail-on',
        'info',
      ],
      { cwd: ROOT },
    );
    const report = JSON.parse(result.stdout) as Report;
    assert.deepEqual(
      report.findings.map(
        (f) => `${f.severity} ${f.ruleId} ${f.resource.kind}/${f.resource.name}: ${f.message}`,
      ),
      [],
    );
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.notEvaluated, []);
    assert.deepEqual(report.coverage, { read: { helm: 1 }, skipped: [], unreadable: [] });
    // 8 for the scan (ServiceAccount, 2 ClusterRoles and bindings, CronJob, 2 NetworkPolicies), 10 for the webhook.
    assert.equal(report.inputs.objects, 18);
    assert.equal(result.code, 0);
  });

  it('with the default values the one finding is the image digest you must pin (image.digest)', async () => {
    if (typeof binaries === 'string') return;
    const result = await runCli(
      [
        'scan',
        CHART,
        '--helm-bin',
        binaries.helm,
        '-n',
        'aksguard',
        '--no-config',
        '-o',
        'json',
        '--fail-on',
        'none',
      ],
      { cwd: ROOT },
    );
    const report = JSON.parse(result.stdout) as Report;
    assert.deepEqual(
      report.findings.map(
        (f) => `${f.ruleId} ${f.resource.kind}/${f.resource.name} ${f.origin?.value ?? ''}`,
      ),
      ['WL-IMG-notDigestPinned CronJob/release-name-aksguard-scan '],
    );
  });

  it('the scanner reads exactly what the rules declare (get, list), Secrets only when enabled, and writes only reports', () => {
    const kinds = new Set(inputsOfRules(allRules).kubernetes);
    for (const secrets of [false, true]) {
      const objects = render(secrets ? ['secrets.listMetadata=true'] : []);
      const rbac = RbacEngine.fromObjects(
        objects.filter((o) => String(o.kind).startsWith('ClusterRole')).map((raw) => ({ raw })),
      );
      const can = (verb: string, group: string, resource: string) =>
        rbac.authorize({ user: SA, groups: GROUPS, verb, apiGroup: group, resource }).allowed;
      for (const info of Object.values(KUBERNETES_KINDS) as KubernetesKindInfo[]) {
        const read = kinds.has(info.kind as never);
        if (info.kind === 'Secret') {
          assert.equal(can('list', '', 'secrets'), secrets);
          assert.equal(can('get', '', 'secrets'), false);
          continue;
        }
        assert.equal(can('list', info.group, info.resource), read, `list ${info.resource}`);
        assert.equal(can('get', info.group, info.resource), read, `get ${info.resource}`);
        for (const verb of ['watch', 'create', 'update', 'patch', 'delete'])
          assert.equal(can(verb, info.group, info.resource), false, `${verb} ${info.resource}`);
      }
      for (const [group, resources] of [
        ['openreports.io', ['reports', 'clusterreports']],
        ['wgpolicyk8s.io', ['policyreports', 'clusterpolicyreports']],
      ] as const)
        for (const resource of resources)
          for (const verb of ['get', 'list', 'create', 'patch', 'delete'])
            assert.equal(can(verb, group, resource), true, `${verb} ${resource}.${group}`);
      assert.equal(can('update', 'openreports.io', 'reports'), false);
    }
  });

  it('the CronJob: every 6 hours, scan --in-cluster --write-reports, token mounted explicitly, egress to the API server only', () => {
    const objects = render(['config.rules.WL-NET-nodePort=off']);
    const cronjob = named(objects, 'CronJob', 'ag-aksguard-scan') as {
      spec: { schedule: string; jobTemplate: { spec: { template: { spec: Json } } } };
    };
    assert.equal(cronjob.spec.schedule, '17 */6 * * *');
    const pod = cronjob.spec.jobTemplate.spec.template.spec as {
      automountServiceAccountToken: boolean;
      serviceAccountName: string;
      containers: { args: string[]; volumeMounts: { mountPath: string }[] }[];
    };
    assert.equal(pod.automountServiceAccountToken, false);
    assert.equal(pod.serviceAccountName, 'ag-aksguard-scanner');
    assert.deepEqual(pod.containers[0]!.args, [
      'scan',
      '--in-cluster',
      '--write-reports',
      '--fail-on=high',
      '--pss-level=restricted',
      '--config=/etc/aksguard/config/.aksguard.yaml',
    ]);
    assert.ok(
      pod.containers[0]!.volumeMounts.some(
        (m) => m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount',
      ),
    );
    const config = named(objects, 'ConfigMap', 'ag-aksguard-config') as { data: Record<string, string> };
    assert.equal(config.data['.aksguard.yaml'], 'rules:\n  WL-NET-nodePort: "off"\n');
    const policy = named(objects, 'NetworkPolicy', 'ag-aksguard-scanner') as { spec: Json };
    assert.deepEqual(policy.spec.egress, [
      {
        ports: [{ protocol: 'TCP', port: 443 }],
        to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32', '168.63.129.16/32'] } }],
      },
    ]);
    assert.deepEqual(policy.spec.ingress, []);
    const narrowed = named(
      render(['networkPolicy.apiServerCIDRs={20.1.2.3/32}']),
      'NetworkPolicy',
      'ag-aksguard-scanner',
    ) as {
      spec: { egress: Json[] };
    };
    assert.deepEqual(narrowed.spec.egress[0]!.to, [{ ipBlock: { cidr: '20.1.2.3/32' } }]);
  });

  it('the webhook: failurePolicy Ignore, 5 s, system namespaces out, the AKS enforcer opt-out, 2 replicas and a PDB, the kinds the rules read', () => {
    const objects = render(['webhook.enabled=true', 'webhook.modeFor.critical=enforce']);
    const config = named(objects, 'ValidatingWebhookConfiguration', 'ag-aksguard-webhook') as {
      metadata: { annotations: Record<string, string> };
      webhooks: {
        sideEffects: string;
        failurePolicy: string;
        timeoutSeconds: number;
        admissionReviewVersions: string[];
        namespaceSelector: { matchExpressions: { key: string; operator: string; values: string[] }[] };
        rules: { apiGroups: string[]; resources: string[]; operations: string[] }[];
      }[];
    };
    assert.deepEqual(config.metadata.annotations, {
      'admissions.enforcer/disabled': 'true',
      'cert-manager.io/inject-ca-from': 'aksguard/ag-aksguard-webhook',
    });
    const [webhook] = config.webhooks;
    assert.equal(webhook!.sideEffects, 'None');
    assert.equal(webhook!.failurePolicy, 'Ignore');
    assert.equal(webhook!.timeoutSeconds, 5);
    assert.deepEqual(webhook!.admissionReviewVersions, ['v1']);
    const [selector] = webhook!.namespaceSelector.matchExpressions;
    assert.equal(selector!.key, 'kubernetes.io/metadata.name');
    assert.equal(selector!.operator, 'NotIn');
    for (const ns of ['kube-system', 'kube-public', 'kube-node-lease', 'aksguard'])
      assert.ok(selector!.values.includes(ns), ns);
    const sent = webhook!.rules
      .flatMap((rule) => rule.resources.map((resource) => `${rule.apiGroups[0]}/${resource}`))
      .sort();
    const expected = admittedKinds(allRules)
      .map((kind) => `${KUBERNETES_KINDS[kind].group}/${KUBERNETES_KINDS[kind].resource}`)
      .sort();
    assert.deepEqual(sent, expected);
    for (const rule of webhook!.rules) assert.deepEqual(rule.operations, ['CREATE', 'UPDATE']);
    const deployment = named(objects, 'Deployment', 'ag-aksguard-webhook') as {
      spec: {
        replicas: number;
        template: { spec: { containers: { command?: string[]; args: string[] }[] } };
      };
    };
    assert.equal(deployment.spec.replicas, 2);
    const [container] = deployment.spec.template.spec.containers;
    assert.ok(container!.args.includes('--mode-for=critical=enforce'));
    assert.ok(!container!.args.includes('--idle-gc'), 'idle collections off by default');
    const idleGc = named(
      render(['webhook.enabled=true', 'webhook.idleGc=true']),
      'Deployment',
      'ag-aksguard-webhook',
    ) as typeof deployment;
    assert.ok(idleGc.spec.template.spec.containers[0]!.args.includes('--idle-gc'));
    // The Dockerfile's ENTRYPOINT with the young generation pinned (NODE_OPTIONS refuses the flag).
    assert.deepEqual(container!.command, [
      '/nodejs/bin/node',
      '--min-semi-space-size=16',
      '/app/bin/aksguard.js',
    ]);
    const entrypoint = /^ENTRYPOINT \[(.*)\]$/m.exec(
      readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8'),
    );
    assert.deepEqual(
      JSON.parse(`[${entrypoint![1]}]`),
      [container!.command![0], container!.command![2]],
      'the command runs what the image runs',
    );
    const asImageRuns = render(['webhook.enabled=true', 'webhook.command=null']);
    const plain = named(asImageRuns, 'Deployment', 'ag-aksguard-webhook') as typeof deployment;
    assert.equal(plain.spec.template.spec.containers[0]!.command, undefined);
    assert.deepEqual(
      (named(objects, 'PodDisruptionBudget', 'ag-aksguard-webhook') as { spec: Json }).spec.minAvailable,
      1,
    );
    named(objects, 'Certificate', 'ag-aksguard-webhook');
    const withoutTls = helm([
      'template',
      'ag',
      CHART,
      '--set',
      'webhook.enabled=true',
      '--set',
      'webhook.tls.certManager=false',
    ]);
    assert.notEqual(withoutTls.status, 0);
    assert.match(
      withoutTls.stderr,
      /webhook\.enabled needs webhook\.tls\.certManager, or webhook\.tls\.secretName/,
    );
  });

  it('the Dockerfile runs as the user the chart asks for, on a distroless base (aksguard has no Dockerfile rules)', () => {
    const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
    assert.match(dockerfile, /^FROM gcr\.io\/distroless\/nodejs20-debian12:nonroot$/m);
    assert.match(dockerfile, /^USER 65532:65532$/m);
    const cronjob = named(render(), 'CronJob', 'ag-aksguard-scan') as {
      spec: { jobTemplate: { spec: { template: { spec: { securityContext: Json } } } } };
    };
    const context = cronjob.spec.jobTemplate.spec.template.spec.securityContext;
    assert.equal(context.runAsUser, 65532);
    assert.equal(context.runAsGroup, 65532);
  });
});
