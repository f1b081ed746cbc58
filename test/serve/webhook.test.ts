import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connect } from 'node:tls';
import { emptyConfig } from '../../src/config/config.js';
import { defaultSettings } from '../../src/rules/defineRule.js';
import { allRules } from '../../src/rules/index.js';
import { type RunningWebhook, type ServeOptions, startWebhook } from '../../src/serve/index.js';
import { parseModePolicy } from '../../src/serve/modes.js';
import { selfSignedTls } from '../../src/serve/tls.js';
import { youngGeneration } from '../../src/serve/v8Gc.js';
import { FakeClusterState } from '../fakes/clusterState.js';
import { type FakeKubeApi, startFakeKubeApi } from '../fakes/kubeApiServer.js';
import { call, compliantDeployment, deployment, review, servedCertificate } from './support.js';

const PSS = 'pod-security.kubernetes.io/enforce';

interface Answer {
  apiVersion: string;
  kind: string;
  response: {
    uid: string;
    allowed: boolean;
    status: { code: number; message: string };
    warnings: string[];
    auditAnnotations: Record<string, string>;
  };
}

function cluster(): FakeClusterState {
  const state = new FakeClusterState();
  state.apply({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'shop', labels: { [PSS]: 'restricted' } },
  });
  state.apply({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'lab', labels: { [PSS]: 'privileged' } },
  });
  return state;
}

interface Started {
  api: FakeKubeApi;
  webhook: RunningWebhook;
  ca: string;
  dir: string;
  stop(): Promise<void>;
}

async function start(overrides: Partial<ServeOptions> = {}): Promise<Started> {
  const api = await startFakeKubeApi(cluster());
  const dir = mkdtempSync(join(tmpdir(), 'aksguard-serve-'));
  const kubeconfig = api.writeKubeconfig(join(dir, 'kubeconfig'));
  const webhook = await startWebhook({
    port: 0,
    host: '127.0.0.1',
    tls: {
      selfSigned: { service: 'aksguard-webhook', namespace: 'aksguard', caBundleOut: join(dir, 'ca.crt') },
    },
    rules: allRules,
    config: emptyConfig(),
    settings: defaultSettings(),
    modes: parseModePolicy('warn', ['critical=enforce', 'high=enforce', 'WL-RES-=audit']),
    kube: { kubeconfig, env: {} },
    log: () => {},
    ...overrides,
  });
  return {
    api,
    webhook,
    ca: webhook.caBundle ?? '',
    dir,
    async stop() {
      await webhook.shutdown(0);
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const privileged = (namespace: string) =>
  deployment('web', namespace, { image: 'nginx:latest', securityContext: { privileged: true } });

describe('aksguard serve: the admission webhook', () => {
  let s: Started;
  before(async () => {
    s = await start();
  });
  after(() => s.stop());

  const validate = async (body: string) => {
    const result = await call(s.webhook.port, s.ca, { body });
    return { status: result.status, review: JSON.parse(result.body) as Answer };
  };

  it('copies the uid, answers admission.k8s.io/v1 and allows a compliant Deployment without a word', async () => {
    const { status, review: answer } = await validate(
      review(compliantDeployment('web', 'shop'), { uid: 'abc-1' }),
    );
    assert.equal(status, 200);
    assert.deepEqual(answer, {
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      response: { uid: 'abc-1', allowed: true },
    });
  });

  it('every answer is sent whole with its Content-Length, never chunked (reviews, refusals, health, metrics)', async () => {
    const cases = [
      { name: 'allowed review', options: { body: review(compliantDeployment('web', 'shop')) }, status: 200 },
      { name: 'denied review', options: { body: review(privileged('shop')) }, status: 200 },
      { name: 'malformed review', options: { body: '{' }, status: 400 },
      {
        name: 'wrong content type',
        options: { body: 'x', headers: { 'Content-Type': 'text/plain' } },
        status: 415,
      },
      // An answer that is not ASCII (the refusal quotes the header): written as UTF-8, its length in bytes.
      {
        name: 'wrong content type, not ASCII',
        options: { body: 'x', headers: { 'Content-Type': 'text/plain; charset=é' } },
        status: 415,
      },
      { name: 'health', options: { method: 'GET', path: '/healthz' }, status: 200 },
      { name: 'metrics', options: { method: 'GET', path: '/metrics' }, status: 200 },
      { name: 'unknown path', options: { method: 'GET', path: '/nope' }, status: 404 },
    ];
    for (const { name, options, status } of cases) {
      const result = await call(s.webhook.port, s.ca, options);
      assert.equal(result.status, status, name);
      assert.equal(result.headers['transfer-encoding'], undefined, name);
      assert.equal(result.headers['content-length'], String(Buffer.byteLength(result.body)), name);
      // (Node reads a header's bytes as Latin-1: the é sent as UTF-8 comes back as two characters, neither ASCII.)
      if (name.endsWith('not ASCII')) assert.match(result.body, /charset=\u00c3\u00a9/);
    }
  });

  it('enforce: denies with the rule ids and fixes in status.message; warn findings ride along as warnings', async () => {
    const { review: answer } = await validate(review(privileged('shop')));
    const response = answer.response;
    assert.equal(response.allowed, false);
    assert.equal(response.status.code, 403);
    assert.match(response.status.message, /^aksguard denied Deployment shop\/web: /);
    const denied = [...response.status.message.matchAll(/(WL-[A-Za-z_-]+): /g)].map(
      (m: RegExpMatchArray) => m[1],
    );
    assert.deepEqual(denied, ['WL-IMG-untrustedRegistry', 'WL-PSS-privileged']);
    assert.match(response.status.message, /Fix: Remove `securityContext.privileged: true`/);
    for (const warning of response.warnings as string[]) {
      assert.match(warning, /^WL-[A-Za-z_-]+: /, 'rule id first');
      assert.ok([...warning].length <= 256);
    }
    assert.ok((response.warnings as string[]).some((w) => w.startsWith('WL-PSS-runAsNonRoot: ')));
    // WL-RES- is audit: recorded, not shown.
    assert.ok(!(response.warnings as string[]).some((w) => w.startsWith('WL-RES-')));
    assert.match(response.auditAnnotations.findings, /WL-RES-cpuLimit=audit/);
    assert.match(response.auditAnnotations.findings, /WL-PSS-privileged=enforce/);
  });

  it('judges the workload CRDs: an Argo Rollout by its template, a Prometheus by the pods its operator makes', async () => {
    const rollout = {
      ...privileged('shop'),
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'canary', namespace: 'shop' },
    };
    const rolled = (await validate(review(rollout))).review.response;
    assert.equal(rolled.allowed, false);
    assert.match(rolled.status.message, /^aksguard denied Rollout shop\/canary: /);
    assert.match(rolled.status.message, /WL-PSS-privileged: /);
    const prometheus = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Prometheus',
      metadata: { name: 'k8s', namespace: 'shop' },
      spec: { securityContext: { runAsUser: 0 } },
    };
    const answer = (await validate(review(prometheus))).review.response;
    assert.equal(answer.allowed, true, 'Pod Security findings warn in this configuration');
    assert.ok(
      answer.warnings.some((w: string) =>
        w.startsWith('WL-PSS-runAsUser: Prometheus shop/k8s: pod must not set runAsUser=0'),
      ),
    );
    // The operator's own container is judged as the operator writes it.
    assert.ok(
      answer.warnings.some((w: string) =>
        w.includes('container "prometheus" must set securityContext.runAsNonRoot=true'),
      ),
    );
  });

  it("reads the namespace's Pod Security level from the watched cache, and follows its changes", async () => {
    const pod = deployment('tool', 'lab', {
      image: 'contoso.azurecr.io/tool:1.2.3',
      securityContext: { allowPrivilegeEscalation: true },
    });
    const before = (await validate(review(pod))).review.response;
    assert.equal(before.allowed, true);
    assert.ok(!(before.warnings ?? []).some((w: string) => w.startsWith('WL-PSS-')), 'privileged namespace');
    s.api.emitWatch('Namespace', 'MODIFIED', {
      metadata: { name: 'lab', resourceVersion: '2001', labels: { [PSS]: 'restricted' } },
    });
    await waitFor(() => s.webhook.namespaces.labels('lab')?.[PSS] === 'restricted');
    const afterChange = (await validate(review(pod))).review.response;
    assert.ok(afterChange.warnings.some((w: string) => w.startsWith('WL-PSS-allowPrivilegeEscalation: ')));
  });

  it('a namespace the cache has not seen: the Pod Security rules are not evaluated (said in the audit annotation)', async () => {
    const { review: answer } = await validate(review(privileged('brand-new')));
    const response = answer.response;
    assert.deepEqual(
      response.status.message.match(/WL-[A-Za-z_-]+(?=: )/g),
      ['WL-IMG-untrustedRegistry'],
      'only the image rule decides',
    );
    assert.match(response.auditAnnotations['not-evaluated'], /WL-PSS-privileged/);
  });

  it('Services and Ingresses: the exposure rules', async () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'front', namespace: 'shop' },
      spec: { type: 'LoadBalancer', selector: { app: 'front' }, ports: [{ port: 80 }] },
    };
    const { review: answer } = await validate(review(service));
    assert.equal(answer.response.allowed, false);
    assert.match(answer.response.status.message, /WL-NET-publicLoadBalancer: /);
    const internal = structuredClone(service) as typeof service & { metadata: Record<string, unknown> };
    internal.metadata.annotations = { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' };
    assert.equal((await validate(review(internal))).review.response.allowed, true);
  });

  it('deletions, and kinds no rule reads, are allowed without judging', async () => {
    assert.deepEqual(
      (await validate(review(privileged('shop'), { operation: 'DELETE', uid: 'd' }))).review.response,
      {
        uid: 'd',
        allowed: true,
      },
    );
    const lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'x', namespace: 'shop' },
    };
    assert.deepEqual((await validate(review(lease, { uid: 'l' }))).review.response, {
      uid: 'l',
      allowed: true,
    });
  });

  it('hostile requests get a refusal in AdmissionReview form and the server keeps answering', async () => {
    const cases: [
      string,
      { body?: string | Buffer; headers?: Record<string, string>; method?: string },
      number,
      RegExp,
    ][] = [
      [
        'malformed JSON',
        { body: '{"apiVersion": "admission.k8s.io/v1", ' },
        400,
        /the request body is not JSON/,
      ],
      [
        'nested too deeply',
        { body: `${'['.repeat(200_000)}${']'.repeat(200_000)}` },
        400,
        /not a JSON object|nested too deeply/,
      ],
      [
        'not a review',
        { body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod' }) },
        400,
        /expected an AdmissionReview/,
      ],
      [
        'no uid',
        { body: JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: {} }) },
        400,
        /no request\.uid/,
      ],
      [
        'wrong content type',
        { body: '{}', headers: { 'Content-Type': 'text/plain' } },
        415,
        /application\/json/,
      ],
      [
        'oversized (declared)',
        { body: Buffer.alloc(8 * 1024 * 1024, 0x20) },
        413,
        /over the limit of 7340032 bytes/,
      ],
      ['GET', { method: 'GET' }, 405, /POST an AdmissionReview/],
    ];
    for (const [name, options, status, message] of cases) {
      const result = await call(s.webhook.port, s.ca, options);
      assert.equal(result.status, status, name);
      const answer = JSON.parse(result.body);
      assert.equal(answer.kind, 'AdmissionReview', name);
      assert.equal(answer.response.allowed, false, name);
      assert.match(answer.response.status.message, message, name);
    }
    assert.equal((await validate(review(compliantDeployment('web', 'shop')))).review.response.allowed, true);
  });

  it('an oversized chunked body is cut off at the limit, not buffered', async () => {
    const result = await new Promise<string>((resolve, reject) => {
      const socket = connect(
        {
          host: '127.0.0.1',
          port: s.webhook.port,
          ca: s.ca,
          servername: 'localhost',
          rejectUnauthorized: false,
        },
        () => {
          socket.write(
            'POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
          );
          const chunk = Buffer.alloc(1024 * 1024, 0x20);
          for (let i = 0; i < 9; i++) socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
        },
      );
      let text = '';
      socket.on('data', (data) => {
        text += data.toString('utf8');
      });
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
      setTimeout(() => reject(new Error('no answer')), 10_000).unref();
    });
    assert.match(result, /^HTTP\/1\.1 413 /);
    assert.match(result, /over the limit/);
  });

  it('a body is read whole however it is framed: chunked, over many TLS records, in pieces written apart', async () => {
    const object = privileged('shop');
    // A large annotation makes the body span several TLS records (16 KiB each): several reads of one body.
    const large = {
      ...object,
      metadata: { ...(object.metadata as object), annotations: { note: 'n'.repeat(100_000) } },
    };
    const expected = (await validate(review(object, { uid: 'u' }))).review.response;
    const expectedLarge = (await validate(review(large, { uid: 'u' }))).review.response;
    assert.equal(expected.allowed, false);
    const head = 'POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n';
    const body = review(object, { uid: 'u' });
    const largeBody = review(large, { uid: 'u' });
    const chunked = [body.slice(0, 10), body.slice(10, 500), body.slice(500)]
      .map((piece) => `${Buffer.byteLength(piece).toString(16)}\r\n${piece}\r\n`)
      .join('');
    const cases: [string, string[], Answer['response']][] = [
      ['chunked, three chunks', [`${head}Transfer-Encoding: chunked\r\n\r\n${chunked}0\r\n\r\n`], expected],
      [
        'Content-Length, many records',
        [`${head}Content-Length: ${Buffer.byteLength(largeBody)}\r\n\r\n${largeBody}`],
        expectedLarge,
      ],
      [
        'Content-Length, headers and body halves written apart',
        [`${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`, body.slice(0, 100), body.slice(100)],
        expected,
      ],
    ];
    for (const [name, writes, response] of cases) {
      const answer = await rawExchange(s.webhook.port, writes);
      assert.match(answer, /^HTTP\/1\.1 200 /, name);
      assert.match(answer, /\r\nContent-Length: \d+\r\n/i, name);
      assert.deepEqual(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).response, response, name);
    }
  });

  it('a body shorter than its Content-Length is never judged; the connection closes and others are served', async () => {
    const body = review(privileged('shop'), { uid: 'short' });
    const answer = await rawExchange(
      s.webhook.port,
      [
        `POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body) + 10}\r\n\r\n${body}`,
      ],
      { end: true },
    );
    assert.doesNotMatch(answer, /"uid":"short"/);
    assert.equal((await validate(review(compliantDeployment('web', 'shop')))).review.response.allowed, true);
  });

  it('/healthz, /readyz and /metrics (latency histogram, decisions by rule and mode)', async () => {
    assert.equal((await call(s.webhook.port, s.ca, { method: 'GET', path: '/healthz' })).body, 'ok\n');
    assert.equal((await call(s.webhook.port, s.ca, { method: 'GET', path: '/readyz' })).status, 200);
    const metrics = (await call(s.webhook.port, s.ca, { method: 'GET', path: '/metrics' })).body;
    assert.match(metrics, /^# HELP aksguard_admission_review_duration_seconds /);
    assert.match(metrics, /aksguard_admission_review_duration_seconds_bucket\{le="\+Inf"\} \d+/);
    assert.match(
      metrics,
      /aksguard_admission_findings_total\{rule="WL-PSS-privileged",mode="enforce"\} [1-9]/,
    );
    assert.match(metrics, /aksguard_admission_findings_total\{rule="WL-RES-cpuLimit",mode="audit"\} [1-9]/);
    assert.match(metrics, /aksguard_admission_reviews_total\{outcome="denied"\} [1-9]/);
    assert.match(metrics, /aksguard_admission_reviews_total\{outcome="refused"\} [1-9]/);
  });
});

describe('aksguard serve: configuration, TLS and lifecycle', () => {
  it("applies the configuration's waivers, parameters and disabled rules", async () => {
    const config = emptyConfig();
    config.waivers.push({
      rule: 'WL-PSS-privileged',
      resource: { namespace: 'shop', name: 'web' },
      reason: 'GPU driver',
    });
    config.rules['WL-IMG-untrustedRegistry'] = { params: { allowedRegistries: ['docker.io'] } };
    config.rules['WL-IMG-latestOrUntagged'] = { enabled: false };
    const s = await start({ config });
    try {
      const answer = JSON.parse(
        (await call(s.webhook.port, s.ca, { body: review(privileged('shop')) })).body,
      );
      assert.equal(answer.response.allowed, true);
      assert.equal(answer.response.auditAnnotations.waived, '1');
      assert.ok(!answer.response.warnings.some((w: string) => w.startsWith('WL-IMG-latestOrUntagged')));
    } finally {
      await s.stop();
    }
  });

  it('--idle-gc: the young generation is collected after the answers, not during a review; answers unchanged', async () => {
    const plain = await start();
    const s = await start({ idleGc: true });
    try {
      assert.equal(plain.webhook.idleCollector, undefined, 'off unless asked');
      const collector = s.webhook.idleCollector;
      assert.ok(collector, 'on');
      const body = review(privileged('shop'), { uid: 'same' });
      assert.equal(
        (await call(s.webhook.port, s.ca, { body })).body,
        (await call(plain.webhook.port, plain.ca, { body })).body,
      );
      // Each answer arms a check 1 ms later; with the young generation 75 % used then (V8's own trigger is at 80 %), it is
      // collected.
      for (let attempt = 0; attempt < 20 && collector.collections === 0; attempt++) {
        await call(s.webhook.port, s.ca, { body });
        const filler: object[] = [];
        for (
          let { used, available } = youngGeneration();
          used < 0.75 * (used + available);
          { used, available } = youngGeneration()
        )
          filler.push(Array.from({ length: 64 }, (_, at) => ({ attempt, at })));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.ok(collector.collections > 0, 'collected while idle');
    } finally {
      await s.stop();
      await plain.stop();
    }
  });

  it('reloads the certificate files when they change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aksguard-tls-'));
    const first = await selfSignedTls({ service: 'first', namespace: 'aksguard' });
    const second = await selfSignedTls({ service: 'second', namespace: 'aksguard' });
    writeFileSync(join(dir, 'tls.crt'), first.cert);
    writeFileSync(join(dir, 'tls.key'), first.key);
    const s = await start({
      tls: { certFile: join(dir, 'tls.crt'), keyFile: join(dir, 'tls.key'), reloadIntervalMs: 50 },
    });
    try {
      assert.equal(await servedCertificate(s.webhook.port), 'first.aksguard.svc');
      writeFileSync(join(dir, 'tls.key'), second.key);
      writeFileSync(join(dir, 'tls.crt'), second.cert);
      await waitFor(async () => (await servedCertificate(s.webhook.port)) === 'second.aksguard.svc');
    } finally {
      await s.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--self-signed writes the CA bundle that verifies the served certificate', async () => {
    const s = await start();
    try {
      const { readFileSync } = await import('node:fs');
      const bundle = readFileSync(join(s.dir, 'ca.crt'), 'utf8');
      assert.match(bundle, /^-----BEGIN CERTIFICATE-----/);
      // `call` verifies the server against this CA.
      assert.equal((await call(s.webhook.port, bundle, { method: 'GET', path: '/healthz' })).status, 200);
    } finally {
      await s.stop();
    }
  });

  it('graceful shutdown: not ready, and a review in flight is still answered', async () => {
    const s = await start();
    try {
      const body = review(compliantDeployment('web', 'shop'), { uid: 'in-flight' });
      const answer = new Promise<string>((resolve, reject) => {
        const socket = connect(
          { host: '127.0.0.1', port: s.webhook.port, ca: s.ca, rejectUnauthorized: false },
          () => {
            socket.write(
              `POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
            );
            socket.write(body.slice(0, 100));
            // The rest arrives after the shutdown has begun.
            setTimeout(() => socket.write(body.slice(100)), 300);
          },
        );
        let text = '';
        socket.on('data', (data) => {
          text += data.toString('utf8');
        });
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const stopping = s.webhook.shutdown(5000);
      const text = await answer;
      await stopping;
      assert.match(text, /^HTTP\/1\.1 200 /);
      assert.match(text, /"uid":"in-flight","allowed":true/);
    } finally {
      await s.api.close();
      rmSync(s.dir, { recursive: true, force: true });
    }
  });

  it('a slow client is cut off after the request timeout, and others are still served', async () => {
    const s = await start({ requestTimeoutMs: 1000 });
    try {
      const started = Date.now();
      const closed = await new Promise<string>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port: s.webhook.port, rejectUnauthorized: false }, () => {
          socket.write(
            'POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
          );
        });
        let text = '';
        socket.on('data', (data) => {
          text += data.toString('utf8');
        });
        socket.on('close', () => resolve(text));
        socket.on('error', () => resolve(text));
      });
      assert.match(closed, /^HTTP\/1\.1 408 |^$/);
      assert.ok(Date.now() - started < 5000, 'cut off within seconds');
      assert.equal((await call(s.webhook.port, s.ca, { method: 'GET', path: '/healthz' })).status, 200);
    } finally {
      await s.stop();
    }
  });
});

/**
 * Writes `writes` on one TLS connection, each after the previous has gone out (10 ms apart), and returns what came
 * back until the server answered (`Connection: keep-alive` answers are read up to their Content-Length) or closed.
 * `end`: the client closes its side after the last write.
 */
function rawExchange(port: number, writes: string[], options: { end?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, async () => {
      for (const [index, text] of writes.entries()) {
        if (index > 0) await new Promise((wait) => setTimeout(wait, 10));
        socket.write(text);
      }
      if (options.end) socket.end();
    });
    let text = '';
    const done = () => {
      socket.destroy();
      resolve(text);
    };
    socket.on('data', (data) => {
      text += data.toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: (\d+)\r\n/i.exec(text.slice(0, split));
      if (split >= 0 && length && Buffer.byteLength(text.slice(split + 4)) >= Number(length[1])) done();
    });
    socket.on('close', done);
    socket.on('error', done);
    setTimeout(() => reject(new Error('no answer')), 10_000).unref();
  });
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
