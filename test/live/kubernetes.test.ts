import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { emptyConfig } from '../../src/config/config.js';
import { inventoryOf } from '../../src/load/index.js';
import { KUBERNETES_KINDS, type KubernetesKind } from '../../src/model/inputs.js';
import type { Report } from '../../src/report/report.js';
import { defaultSettings } from '../../src/rules/defineRule.js';
import { allRules } from '../../src/rules/index.js';
import { inputsOfRules } from '../../src/rules/inputs.js';
import { scan, scanInventory } from '../../src/scan.js';
import { LiveSourceError } from '../../src/sources/live/errors.js';
import {
  type KubernetesRead,
  KubernetesSource,
  outputOfKubernetesRead,
} from '../../src/sources/live/kubernetes/source.js';
import { writeSnapshot } from '../../src/sources/snapshot.js';
import { EXEC_PLUGIN, type LiveFixture, liveFixture } from '../fakes/liveCluster.js';

function findingKeys(report: Report): string[] {
  return report.findings
    .map((f) => `${f.ruleId} ${f.resource.apiPath ?? f.resource.id ?? ''} ${f.fingerprint}`)
    .sort();
}

async function liveScan(
  fixture: LiveFixture,
  options: Partial<ConstructorParameters<typeof KubernetesSource>[0]> = {},
) {
  const source = new KubernetesSource({ kubeconfig: fixture.kubeconfig, ...options });
  const report = await scan({
    paths: [],
    sources: [source],
    config: false,
    cwd: fixture.dir,
    today: '2026-01-01',
  });
  return { source, report };
}

describe('live Kubernetes source against the fake API server', () => {
  let fixture: LiveFixture;
  let baseline: { source: KubernetesSource; report: Report };
  before(async () => {
    fixture = await liveFixture();
    baseline = await liveScan(fixture);
  });
  after(() => fixture.close());

  it('reads every kind the rules read, cluster-wide, in pages of 500, over TLS with the bearer token', () => {
    const lists = fixture.api.requests.filter((r) => r.query.limit !== undefined);
    assert.ok(lists.every((r) => r.query.limit === '500' && r.status === 200));
    const wanted = inputsOfRules(allRules).kubernetes!;
    const listed = new Set(baseline.source.lastRead!.lists.map((list) => list.info.kind));
    assert.deepEqual([...listed].sort(), [...wanted].sort());
    assert.equal(baseline.report.coverage.read['kubernetes-api'], 256);
    assert.deepEqual(baseline.report.coverage.unreadable, []);
    // Pods, ReplicaSets and Jobs of a controller read are judged through it, once.
    assert.equal(baseline.report.inputs.objects, 212);
    assert.ok(baseline.report.findings.length > 100);
  });

  it('workload CRDs and application routing controllers the cluster serves are read and judged', () => {
    const lists = baseline.source.lastRead!.lists.map((list) => list.info.kind);
    for (const kind of ['Rollout', 'CloneSet', 'ScaledJob', 'Prometheus', 'Alertmanager', 'ThanosRuler'])
      assert.ok(lists.includes(kind), kind);
    assert.ok(lists.includes('NginxIngressController'));
    assert.ok(
      fixture.api.requests.some(
        (r) => r.path === '/apis/approuting.kubernetes.azure.com/v1alpha1/nginxingresscontrollers',
      ),
    );
    const on = (kind: string) =>
      baseline.report.findings
        .filter((f) => f.resource.kind === kind)
        .map((f) => `${f.ruleId} ${f.resource.apiPath}`)
        .filter((key, index, all) => all.indexOf(key) === index);
    const rollout = '/apis/argoproj.io/v1alpha1/namespaces/legacy/rollouts/storefront-canary';
    for (const rule of ['WL-PSS-privileged', 'WL-IMG-latestOrUntagged', 'NP-unprotected', 'RBAC-WK-080'])
      assert.ok(on('Rollout').includes(`${rule} ${rollout}`), rule);
    assert.deepEqual(on('NginxIngressController'), [
      'WL-NET-publicLoadBalancer /apis/approuting.kubernetes.azure.com/v1alpha1/nginxingresscontrollers/nginx-public',
    ]);
    // The Rollout's ReplicaSet and Pods are judged through the Rollout, as a Deployment's are.
    assert.equal(
      baseline.report.findings.some((f) => f.resource.name.startsWith('storefront-canary-')),
      false,
    );
  });

  it('live findings carry the API path and no file location', () => {
    const finding = baseline.report.findings.find((f) => f.ruleId === 'WL-NS-nakedPod');
    assert.deepEqual(finding?.resource, {
      apiVersion: 'v1',
      kind: 'Pod',
      name: 'debug-shell',
      namespace: 'default',
      apiPath: '/api/v1/namespaces/default/pods/debug-shell',
    });
    assert.equal(finding?.location, undefined);
    assert.ok(
      baseline.report.findings.every(
        (f) => f.location === undefined && f.resource.apiPath?.startsWith('/api'),
      ),
    );
  });

  it('Secrets are read as metadata only: no value leaves the cluster; token Secrets are typed by a second list', () => {
    const secretLists = fixture.api.requests.filter((r) => r.path === '/api/v1/secrets');
    assert.equal(secretLists.length, 2);
    assert.ok(
      secretLists.every(
        (r) => r.accept === 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1',
      ),
    );
    assert.equal(secretLists[1]!.query.fieldSelector, 'type=kubernetes.io/service-account-token');
    const secrets = baseline.source.lastRead!.lists.find((list) => list.info.kind === 'Secret')!.items;
    assert.ok(secrets.every((secret) => secret.data === undefined));
    assert.deepEqual(
      secrets.map((s) => [(s.metadata as { name: string }).name, s.type ?? null]),
      [
        ['konnectivity-certs', null],
        ['deployer-token', 'kubernetes.io/service-account-token'],
        ['reports-db', null],
        ['order-service-secrets', null],
        ['rabbitmq-secrets', null],
      ].filter(([name]) => name !== 'konnectivity-certs'),
    );
    assert.equal(JSON.stringify(baseline.report).includes('c3VwZXItc2VjcmV0LXZhbHVl'), false);
  });

  it('the scan of a snapshot gives exactly the findings of the live scan', async () => {
    const dir = join(fixture.dir, 'snapshot');
    writeSnapshot(dir, { kubernetes: baseline.source.lastRead! });
    const offline = await scan({ paths: [dir], config: false, cwd: fixture.dir, today: '2026-01-01' });
    assert.deepEqual(offline.findings, baseline.report.findings);
    assert.deepEqual(offline.notEvaluated, baseline.report.notEvaluated);
    assert.deepEqual(offline.coverage, baseline.report.coverage);
    assert.deepEqual(offline.summary, baseline.report.summary);
    assert.deepEqual(offline.errors, []);
  });

  it('with --include-secret-values Secrets are read whole, and still redacted at load and in snapshots', async () => {
    const { source, report } = await liveScan(fixture, { secretValues: true, kinds: ['Secret'] });
    const secrets = source.lastRead!.lists[0]!.items;
    assert.ok(secrets.some((s) => s.data !== undefined));
    assert.equal(JSON.stringify(report).includes('c3VwZXItc2VjcmV0LXZhbHVl'), false);
    assert.equal(JSON.stringify(report).includes('hunter2'), false);
    // A Secret in the cluster is where a Secret belongs: not "committed to the repository".
    assert.equal(
      report.findings.some((f) => f.ruleId === 'WL-SEC-committedSecret'),
      false,
    );
    const dir = join(fixture.dir, 'secrets-snapshot');
    writeSnapshot(dir, { kubernetes: source.lastRead! });
    const written = readFileSync(join(dir, 'kubernetes', 'secrets.json'), 'utf8');
    assert.equal(written.includes('c3VwZXItc2VjcmV0LXZhbHVl'), false);
    assert.ok(written.includes('<redacted>'));
  });
});

describe('a kind that cannot be read turns exactly the rules that read it into not evaluated', () => {
  let fixture: LiveFixture;
  let read: KubernetesRead;
  let full: Report;
  before(async () => {
    fixture = await liveFixture();
    const source = new KubernetesSource({ kubeconfig: fixture.kubeconfig });
    full = await scan({
      paths: [],
      sources: [source],
      config: false,
      cwd: fixture.dir,
      today: '2026-01-01',
      fold: false,
    });
    read = source.lastRead!;
  });
  after(() => fixture.close());

  const settings = { ...defaultSettings() };
  const kinds = inputsOfRules(allRules).kubernetes!;

  for (const kind of kinds) {
    it(`${kind}`, async () => {
      const info = KUBERNETES_KINDS[kind as KubernetesKind];
      const without: KubernetesRead = {
        ...read,
        lists: read.lists.filter((list) => list.info !== info),
        unreadable: [
          {
            source: read.source,
            kind: info.kind,
            ...(info.group ? { group: info.group } : {}),
            reason: 'forbidden',
          },
        ],
      };
      const inventory = await inventoryOf([outputOfKubernetesRead(without)], 'default');
      // Unfolded: a finding another rule's finding implies stays listed, so each rule is compared on its own.
      const report = scanInventory(
        inventory,
        { paths: [], today: '2026-01-01', fold: false },
        emptyConfig(),
        settings,
      );
      const readers = allRules
        .filter((rule) => rule.inputs.kubernetes?.includes(kind))
        .map((rule) => rule.id);
      const skipped = report.notEvaluated
        .filter((entry) => entry.reason.includes(' could not be read from '))
        .map((e) => e.ruleId);
      assert.deepEqual(skipped.sort(), readers.sort());
      assert.ok(
        report.notEvaluated.every(
          (e) => e.reason.includes(' could not be read ') === readers.includes(e.ruleId),
        ),
      );
      // Every other rule judged the cluster exactly as with the kind read: the declarations are complete.
      const others = (r: Report) =>
        new Set(findingKeys(r).filter((key) => !readers.includes(key.split(' ')[0]!)));
      const now = others(report);
      const before = others(full);
      const changed = [
        ...new Set(
          [...now, ...before]
            .filter((key) => now.has(key) !== before.has(key))
            .map((key) => key.split(' ')[0]),
        ),
      ];
      assert.deepEqual(changed, [], `rules that read ${kind} without declaring it`);
    });
  }

  it('a 403 from the API server is such an entry, named with the server message', async () => {
    fixture.api.faults.forbidden.add('RoleBinding');
    try {
      const source = new KubernetesSource({ kubeconfig: fixture.kubeconfig });
      const report = await scan({ paths: [], sources: [source], config: false, cwd: fixture.dir });
      assert.deepEqual(report.coverage.unreadable, [
        {
          source: 'context fake',
          kind: 'RoleBinding',
          group: 'rbac.authorization.k8s.io',
          reason:
            'forbidden (403 rolebindings.rbac.authorization.k8s.io is forbidden: User "system:serviceaccount:aksguard:scanner" cannot list resource "rolebindings" in API group "rbac.authorization.k8s.io" at the cluster scope)',
        },
      ]);
      const rbacRule = report.notEvaluated.find((entry) => entry.ruleId === 'RBAC-ADM-001');
      assert.match(
        rbacRule!.reason,
        /^RoleBinding \(rbac\.authorization\.k8s\.io\) could not be read from context fake: forbidden/,
      );
      assert.equal(
        report.findings.some((f) => f.ruleId.startsWith('RBAC-') && !f.ruleId.startsWith('RBAC-AKS')),
        false,
      );
    } finally {
      fixture.api.faults.forbidden.clear();
    }
  });
});

describe('paging, throttling and time limits', () => {
  let fixture: LiveFixture;
  before(async () => {
    fixture = await liveFixture();
  });
  after(() => fixture.close());

  it('410 on an expired continue token starts a fresh list, and the result is complete', async () => {
    fixture.api.requests.length = 0;
    fixture.api.faults.expireContinue.set('Pod', 1);
    const { source } = await liveScan(fixture, { kinds: ['Pod'], pageSize: 7 });
    const pods = fixture.api.requests.filter((r) => r.path === '/api/v1/pods');
    assert.deepEqual(
      pods.map((r) => [r.query.continue === undefined ? 'first' : 'next', r.status]),
      [
        ['first', 200],
        ['next', 410],
        ['first', 200],
        ['next', 200],
        ['next', 200],
        ['next', 200],
        ['next', 200],
      ],
    );
    assert.equal(source.lastRead!.lists[0]!.items.length, 32);
    assert.deepEqual(source.lastRead!.unreadable, []);
  });

  it('a continue token that keeps expiring gives the kind up as unreadable', async () => {
    fixture.api.faults.expireContinue.set('Pod', 10);
    const { report } = await liveScan(fixture, { kinds: ['Pod'], pageSize: 7 });
    fixture.api.faults.expireContinue.clear();
    assert.match(report.coverage.unreadable[0]!.reason, /continue token expired 3 times \(410 Gone\)/);
  });

  it('429 with Retry-After is waited out and retried', async () => {
    fixture.api.requests.length = 0;
    fixture.api.faults.throttle.set('Namespace', { times: 2, retryAfter: 0 });
    const { source } = await liveScan(fixture, { kinds: ['Namespace'] });
    assert.deepEqual(
      fixture.api.requests.filter((r) => r.path === '/api/v1/namespaces').map((r) => r.status),
      [429, 429, 200],
    );
    assert.equal(source.stats!.throttled, 2);
    assert.equal(source.stats!.retries, 2);
    assert.equal(source.lastRead!.lists[0]!.items.length, 7);
  });

  it('503 after the retries makes the kind unreadable, with the status', async () => {
    fixture.api.faults.unavailable.set('Ingress', 10);
    const { report } = await liveScan(fixture, { kinds: ['Ingress'], maxRetries: 1 });
    fixture.api.faults.unavailable.clear();
    assert.deepEqual(
      report.coverage.unreadable.map((u) => u.reason),
      ['503 the server is currently unable to handle the request'],
    );
  });

  it('a slow page within the request timeout is waited for', async () => {
    fixture.api.faults.delayMs.set('ConfigMap', 150);
    const { source } = await liveScan(fixture, { kinds: ['ConfigMap'], requestTimeoutMs: 2000 });
    fixture.api.faults.delayMs.clear();
    assert.equal(source.lastRead!.lists[0]!.items.length, 10);
  });

  it('a page slower than the request timeout is retried, then the kind is unreadable', async () => {
    fixture.api.requests.length = 0;
    fixture.api.faults.delayMs.set('ConfigMap', 400);
    const { report } = await liveScan(fixture, {
      kinds: ['ConfigMap'],
      requestTimeoutMs: 100,
      maxRetries: 1,
    });
    fixture.api.faults.delayMs.clear();
    assert.deepEqual(
      report.coverage.unreadable.map((u) => u.reason),
      ['no complete response in 0.1 s (after 2 attempt(s))'],
    );
    assert.equal(fixture.api.requests.filter((r) => r.path === '/api/v1/configmaps').length, 2);
  });

  it('the overall --timeout ends the read with partial results: what was complete is scanned, the rest is coverage', async () => {
    fixture.api.faults.delayMs.set('Secret', 20_000);
    const { report } = await liveScan(fixture, { kinds: ['Pod', 'Secret'], timeoutSeconds: 3 });
    fixture.api.faults.delayMs.clear();
    assert.deepEqual(report.coverage.unreadable, [
      {
        source: 'context fake',
        kind: 'Secret',
        reason: 'the read timed out after 3 s (--timeout) before the list was complete',
      },
    ]);
    assert.equal(report.coverage.read['kubernetes-api'], 32);
    assert.ok(report.findings.some((f) => f.ruleId === 'WL-NS-nakedPod'));
    assert.ok(
      report.notEvaluated.some((e) => e.ruleId === 'WL-SEC-committedSecret' && /timed out/.test(e.reason)),
    );
  });
});

describe('credentials and targets', () => {
  let fixture: LiveFixture;
  before(async () => {
    fixture = await liveFixture();
  });
  after(() => fixture.close());

  it('an exec credential plugin (as kubelogin) gives the bearer token', async () => {
    const kubeconfig = fixture.api.writeKubeconfig(join(fixture.dir, 'exec-kubeconfig'), {
      context: 'aks-entra',
      exec: { command: process.execPath, args: [EXEC_PLUGIN], env: { FAKE_TOKEN: fixture.api.token } },
    });
    const source = new KubernetesSource({ kubeconfig, kinds: ['Namespace'] });
    const report = await scan({ paths: [], sources: [source], config: false, cwd: fixture.dir });
    assert.equal(source.name, 'context aks-entra');
    assert.equal(report.coverage.read['kubernetes-api'], 7);
  });

  it('a failing plugin is a clear error, without the token', async () => {
    const kubeconfig = fixture.api.writeKubeconfig(join(fixture.dir, 'failing-kubeconfig'), {
      context: 'broken',
      exec: {
        command: process.execPath,
        args: [EXEC_PLUGIN],
        env: { FAKE_EXEC_FAIL: 'error: device code login required' },
      },
    });
    const source = new KubernetesSource({ kubeconfig, kinds: ['Namespace'] });
    await assert.rejects(source.read(), (error: Error) => {
      assert.ok(error instanceof LiveSourceError);
      assert.equal(
        error.message,
        'context broken: cannot get credentials: error: device code login required',
      );
      return true;
    });
  });

  it('an Entra token from @azure/identity replaces kubelogin for AKS', async () => {
    const kubeconfig = fixture.api.writeKubeconfig(join(fixture.dir, 'aad-kubeconfig'), {
      context: 'aad',
      exec: {
        command: 'kubelogin',
        args: ['get-token', '--server-id', '6dae42f8-4368-4678-94ff-3960e28e3630'],
      },
    });
    const scopes: string[] = [];
    const credential = {
      getToken: async (scope: string | string[]) => {
        scopes.push(String(scope));
        return { token: fixture.api.token, expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    const source = new KubernetesSource({ kubeconfig, kinds: ['Namespace'], azureCredential: credential });
    const report = await scan({ paths: [], sources: [source], config: false, cwd: fixture.dir });
    assert.equal(report.coverage.read['kubernetes-api'], 7);
    assert.equal(scopes[0], '6dae42f8-4368-4678-94ff-3960e28e3630/.default');
  });

  it('a wrong token is refused before anything is listed (401 after one credential refresh)', async () => {
    fixture.api.requests.length = 0;
    const kubeconfig = fixture.api.writeKubeconfig(join(fixture.dir, 'bad-token'), {
      context: 'bad',
      token: 'wrong',
    });
    await assert.rejects(
      liveScan({ ...fixture, kubeconfig }, { kinds: ['Namespace'] }),
      /^Error: context bad: the API server refused the credentials \(401 Unauthorized\)$/,
    );
    assert.deepEqual(
      fixture.api.requests.map((r) => `${r.path} ${r.status}`),
      ['/version 401', '/version 401'],
    );
  });

  it('an API server that cannot be reached is one clear error', async () => {
    const kubeconfig = join(fixture.dir, 'unreachable');
    const config = JSON.parse(readFileSync(fixture.kubeconfig, 'utf8'));
    config.clusters[0].cluster.server = 'https://127.0.0.1:1';
    writeFileSync(kubeconfig, JSON.stringify(config));
    await assert.rejects(
      liveScan({ ...fixture, kubeconfig }, { kinds: ['Namespace'] }),
      /context fake: the API server https:\/\/127\.0\.0\.1:1 cannot be reached: connection refused \(after 2 attempt\(s\)\)/,
    );
  });

  it('--in-cluster uses the pod service account: token file, CA, the API server from the service environment', async () => {
    const root = join(fixture.dir, 'pod');
    const sa = join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(sa, { recursive: true });
    writeFileSync(join(sa, 'token'), fixture.api.token);
    writeFileSync(join(sa, 'ca.crt'), fixture.api.tls.ca);
    writeFileSync(join(sa, 'namespace'), 'aksguard');
    const port = new URL(fixture.api.url).port;
    const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
    process.env.KUBERNETES_SERVICE_HOST = '127.0.0.1';
    process.env.KUBERNETES_SERVICE_PORT = port;
    try {
      const source = new KubernetesSource({ inCluster: true, inClusterRoot: root, kinds: ['Namespace'] });
      const report = await scan({ paths: [], sources: [source], config: false, cwd: fixture.dir });
      assert.equal(source.name, 'in-cluster');
      assert.equal(report.coverage.read['kubernetes-api'], 7);
    } finally {
      if (saved.host === undefined) delete process.env.KUBERNETES_SERVICE_HOST;
      else process.env.KUBERNETES_SERVICE_HOST = saved.host;
      if (saved.port === undefined) delete process.env.KUBERNETES_SERVICE_PORT;
      else process.env.KUBERNETES_SERVICE_PORT = saved.port;
    }
  });

  it('an unknown context names the contexts there are', async () => {
    const source = new KubernetesSource({ kubeconfig: fixture.kubeconfig, context: 'prod' });
    await assert.rejects(source.read(), /context "prod" is not in the kubeconfig \(contexts: fake\)/);
  });

  it('-n reads namespaced kinds in the named namespaces only, the Namespace by name', async () => {
    fixture.api.requests.length = 0;
    const { source } = await liveScan(fixture, {
      kinds: ['Namespace', 'Pod', 'ClusterRole'],
      namespaces: ['legacy'],
    });
    assert.deepEqual(
      fixture.api.requests.map((r) => r.path),
      [
        '/version',
        '/api/v1/namespaces/legacy',
        '/api/v1/namespaces/legacy/pods',
        '/apis/rbac.authorization.k8s.io/v1/clusterroles',
      ],
    );
    const pods = source.lastRead!.lists.find((list) => list.info.kind === 'Pod')!;
    assert.deepEqual(
      pods.items.map((p) => (p.metadata as { namespace: string }).namespace).filter((ns) => ns !== 'legacy'),
      [],
    );
  });

  it('an optional kind the server does not serve has no objects and is not a gap', async () => {
    const { startFakeKubeApi } = await import('../fakes/kubeApiServer.js');
    const { realisticCluster } = await import('../fakes/cluster.js');
    const api = await startFakeKubeApi(realisticCluster());
    try {
      const kubeconfig = api.writeKubeconfig(join(fixture.dir, 'no-anp'));
      const source = new KubernetesSource({ kubeconfig, kinds: ['AdminNetworkPolicy', 'NetworkPolicy'] });
      const report = await scan({ paths: [], sources: [source], config: false, cwd: fixture.dir });
      assert.deepEqual(report.coverage.unreadable, []);
      assert.deepEqual(source.lastRead!.notServed, ['AdminNetworkPolicy']);
    } finally {
      await api.close();
    }
  });
});
