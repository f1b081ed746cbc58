/** Property tests (fast-check) over random namespaces, pods and policies. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { contains, formatConnSet, isEmpty, PROTOCOLS, subtract } from './connections.js';
import { endpointName } from './format.js';
import type { EngineObject, JsonObject } from './model.js';
import type { EngineName } from './profiles.js';
import { query } from './query.js';
import { daemonSet, matrix, ns, pod, policy, run } from './testing.js';

const labelValue = fc.constantFrom('a', 'b', 'c');
const podLabels = fc.record(
  { app: labelValue, tier: fc.constantFrom('web', 'db', undefined) },
  { requiredKeys: ['app'] },
);
const selector = fc.oneof(
  fc.constant({}),
  labelValue.map((app) => ({ matchLabels: { app } })),
  fc.constant({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }),
  fc.constant({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] }),
);
const nsSelector = fc.oneof(
  fc.constant({}),
  fc.constantFrom('x', 'y').map((team) => ({ matchLabels: { team } })),
);
const peer = fc.oneof(
  selector.map((podSelector) => ({ podSelector })),
  nsSelector.map((namespaceSelector) => ({ namespaceSelector })),
  fc
    .tuple(nsSelector, selector)
    .map(([namespaceSelector, podSelector]) => ({ namespaceSelector, podSelector })),
  fc
    .constantFrom('0.0.0.0/0', '10.0.0.0/8', '10.244.0.0/16', '192.168.0.0/16')
    .map((cidr) => ({ ipBlock: { cidr } })),
  fc.constant({ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }),
);
const port = fc.oneof(
  fc.constantFrom(80, 443, 8080).map((p) => ({ port: p })),
  fc.constant({ port: 53, protocol: 'UDP' }),
  fc.constant({ port: 'http' }),
  fc.constant({ port: 8000, endPort: 8100 }),
  fc.constant({ protocol: 'SCTP' }),
);
const rule = (key: 'from' | 'to') =>
  fc.record(
    { [key]: fc.array(peer, { maxLength: 2 }), ports: fc.array(port, { maxLength: 2 }) },
    { requiredKeys: [] },
  );
const policySpec = fc.record({
  podSelector: selector,
  policyTypes: fc.constantFrom(['Ingress'], ['Egress'], ['Ingress', 'Egress'], undefined),
  ingress: fc.array(rule('from'), { maxLength: 2 }),
  egress: fc.array(rule('to'), { maxLength: 2 }),
});
/** What else a pod may be: ordinary, host-network, on a Windows node. */
const podKind = fc.constantFrom('plain', 'plain', 'plain', 'hostNetwork', 'windows');
const world = fc.record({
  pods: fc.array(
    fc.tuple(fc.constantFrom('x', 'y'), podLabels, fc.constantFrom(8080, 9090, undefined), podKind),
    { minLength: 1, maxLength: 5 },
  ),
  policies: fc.array(fc.tuple(fc.constantFrom('x', 'y'), policySpec), { maxLength: 4 }),
  /** A LoadBalancer Service in x selecting app=a (NPM lets its traffic bypass ingress policy). */
  loadBalancer: fc.boolean(),
  /** A host-network DaemonSet (a pod on every node). */
  nodeAgent: fc.boolean(),
});

type World = {
  pods: [string, Record<string, string | undefined>, number | undefined, string][];
  policies: [string, JsonObject][];
  loadBalancer: boolean;
  nodeAgent: boolean;
};

function clean(value: JsonObject): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}

function objectsOf(w: World, policyName = (i: number) => `p${i}`): EngineObject[] {
  return [
    ns('x', { team: 'x' }),
    ns('y', { team: 'y' }),
    ...w.pods.map(([namespace, labels, named, kind], i) =>
      pod(namespace, `pod${i}`, clean(labels) as Record<string, string>, {
        ports: named ? [{ name: 'http', containerPort: named }] : [],
        hostNetwork: kind === 'hostNetwork',
        windows: kind === 'windows',
      }),
    ),
    ...w.policies.map(([namespace, spec], i) => policy(namespace, policyName(i), clean(spec))),
    ...(w.loadBalancer
      ? [
          {
            raw: {
              apiVersion: 'v1',
              kind: 'Service',
              metadata: { name: 'lb', namespace: 'x' },
              spec: { type: 'LoadBalancer', selector: { app: 'a' }, ports: [{ port: 80, targetPort: 8080 }] },
            },
          },
        ]
      : []),
    ...(w.nodeAgent ? [daemonSet('x', 'agent', { app: 'c' }, true)] : []),
  ];
}

const engines: EngineName[] = ['spec', 'azure', 'calico', 'cilium', 'none', 'netpol-analyzer'];

describe('netpol properties', () => {
  it('the list and the per-pair evaluation agree (any engine)', () => {
    fc.assert(
      fc.property(world, fc.constantFrom(...engines), (w, engine) => {
        matrix(run(objectsOf(w as unknown as World), { engine }), { externals: true });
      }),
      { numRuns: 150 },
    );
  });

  it('adding an allow policy (same subjects and directions as an existing one) never removes a connection', () => {
    fc.assert(
      fc.property(world, policySpec, fc.constantFrom(...engines), (w, extra, engine) => {
        const base = w as unknown as World;
        fc.pre(base.policies.length > 0);
        const [namespace, template] = base.policies[0]!;
        const spec = clean({
          ...extra,
          podSelector: template.podSelector,
          policyTypes: template.policyTypes,
        }) as JsonObject;
        const types = template.policyTypes as string[] | undefined;
        if (types === undefined) {
          // Defaulting: keep the same directions as the template.
          spec.policyTypes = ['Ingress', ...((template.egress as unknown[]).length > 0 ? ['Egress'] : [])];
        }
        const before = run(objectsOf(base), { engine });
        const after = run([...objectsOf(base), policy(namespace, 'extra', spec)], { engine });
        for (const src of before.workloads) {
          for (const dst of before.workloads) {
            const lost = subtract(
              before.allowed(src, dst),
              after.allowed(after.workloads[src.index]!, after.workloads[dst.index]!),
            );
            assert.ok(
              isEmpty(lost),
              `${endpointName(src)} => ${endpointName(dst)} lost ${formatConnSet(lost)}`,
            );
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('renaming policies and reordering objects changes nothing', () => {
    fc.assert(
      fc.property(world, fc.integer(), fc.constantFrom(...engines), (w, seed, engine) => {
        const objects = objectsOf(w as unknown as World);
        const shuffled = objectsOf(w as World, (i) => `renamed-${i}`)
          .map((o, i) => ({ o, k: (i * 7919 + seed) % 101 }))
          .sort((a, b) => a.k - b.k)
          .map(({ o }) => o);
        assert.deepEqual(matrix(run(shuffled, { engine })), matrix(run(objects, { engine })));
      }),
      { numRuns: 150 },
    );
  });

  it('query agrees with list on random pairs and ports', () => {
    fc.assert(
      fc.property(
        world,
        fc.nat(),
        fc.nat(),
        fc.constantFrom(80, 443, 53, 8080, 8050, 9090),
        fc.constantFrom(...PROTOCOLS),
        (w, i, j, portNumber, protocol) => {
          const analysis = run(objectsOf(w as unknown as World));
          const list = new Map<string, ReturnType<typeof analysis.allowed>>();
          analysis.forEachConnection((c) =>
            list.set(`${endpointName(c.src)} ${endpointName(c.dst)}`, c.conns),
          );
          const sources = [...analysis.workloads, ...analysis.sourceBlocks];
          const src = sources[i % sources.length]!;
          const dst = analysis.workloads[j % analysis.workloads.length]!;
          fc.pre(src !== dst);
          const listed = list.get(`${endpointName(src)} ${endpointName(dst)}`);
          const answer = query(analysis, [src], [dst], { port: portNumber, protocol });
          assert.equal(
            answer.allowed,
            listed !== undefined && contains(listed, protocol, portNumber) !== undefined,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
