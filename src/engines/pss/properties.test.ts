import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { podFix } from '../../fix/workload.js';
import { applyStrategicMerge } from '../../fix/workloadMerge.js';
import type { PathSegment } from '../../model/source.js';
import { evaluatePod } from './evaluate.js';
import type { PodLike } from './podView.js';
import { MAX_POLICY_VERSION } from './registry.js';

// Property tests over random pods drawn from a vocabulary of the values each check cares about (allowed, forbidden,
// unset, version-dependent), in pod and container security contexts, for every container list.

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
const compact = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

const seccomp = fc.constantFrom(
  { type: 'RuntimeDefault' },
  { type: 'Localhost', localhostProfile: 'p' },
  { type: 'Unconfined' },
);
const seLinux = fc.constantFrom(
  { type: 'container_t' },
  { type: 'container_engine_t' },
  { type: 'spc_t' },
  { user: 'u' },
  { role: 'r' },
);
const capabilities = fc
  .record(
    {
      drop: fc.subarray(['ALL', 'NET_RAW', 'SYS_ADMIN']),
      add: fc.subarray(['NET_BIND_SERVICE', 'CHOWN', 'NET_RAW', 'SYS_ADMIN']),
    },
    { requiredKeys: [] },
  )
  .map(compact);

const containerSecurityContext = fc
  .record({
    privileged: optional(fc.boolean()),
    allowPrivilegeEscalation: optional(fc.boolean()),
    runAsNonRoot: optional(fc.boolean()),
    runAsUser: optional(fc.constantFrom(0, 1000)),
    procMount: optional(fc.constantFrom('Default', 'Unmasked')),
    capabilities: optional(capabilities),
    seccompProfile: optional(seccomp),
    seLinuxOptions: optional(seLinux),
    appArmorProfile: optional(fc.constantFrom({ type: 'RuntimeDefault' }, { type: 'Unconfined' })),
    windowsOptions: optional(fc.constantFrom({ hostProcess: true }, { hostProcess: false })),
  })
  .map(compact);

const container = (name: string) =>
  fc
    .record({
      securityContext: optional(containerSecurityContext),
      ports: optional(fc.constantFrom([{ containerPort: 80 }], [{ containerPort: 80, hostPort: 8080 }])),
      readinessProbe: optional(
        fc.constantFrom({ httpGet: { port: 80 } }, { tcpSocket: { host: '10.0.0.1', port: 80 } }),
      ),
    })
    .map((fields) => ({ name, image: 'x', ...compact(fields) }));

const podSecurityContext = fc
  .record({
    runAsNonRoot: optional(fc.boolean()),
    runAsUser: optional(fc.constantFrom(0, 1000)),
    seccompProfile: optional(seccomp),
    seLinuxOptions: optional(seLinux),
    sysctls: optional(
      fc.subarray([
        { name: 'net.ipv4.tcp_syncookies', value: '1' },
        { name: 'net.ipv4.tcp_rmem', value: '4096' },
        { name: 'kernel.msgmax', value: '1' },
      ]),
    ),
  })
  .map(compact);

const pod: fc.Arbitrary<PodLike> = fc
  .record({
    annotations: optional(
      fc.constantFrom(
        { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' },
        { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' },
        { 'container.seccomp.security.alpha.kubernetes.io/app': 'unconfined' },
      ),
    ),
    spec: fc
      .record({
        containers: fc.tuple(container('app')),
        initContainers: optional(fc.tuple(container('init'))),
        ephemeralContainers: optional(fc.tuple(container('debug'))),
        securityContext: optional(podSecurityContext),
        hostNetwork: optional(fc.boolean()),
        hostPID: optional(fc.boolean()),
        hostUsers: optional(fc.boolean()),
        os: optional(fc.constantFrom({ name: 'windows' }, { name: 'linux' })),
        volumes: optional(
          fc.subarray([
            { name: 'a', emptyDir: {} },
            { name: 'b', hostPath: { path: '/' } },
            { name: 'c', azureFile: { shareName: 's', secretName: 'k' } },
          ]),
        ),
      })
      .map(compact),
  })
  .map(({ annotations, spec }) => ({
    metadata: { name: 'p', ...(annotations ? { annotations } : {}) },
    spec,
  }));

const version = fc.oneof(fc.integer({ min: 0, max: MAX_POLICY_VERSION + 2 }), fc.constant('latest' as const));

function exists(root: unknown, path: readonly PathSegment[]): boolean {
  let node = root;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null || !(segment in node)) return false;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return true;
}

describe('PSS engine properties', () => {
  test('a Linux pod restricted allows is one baseline allows (restricted checks only tighten)', () => {
    fc.assert(
      fc.property(pod, version, (p, v) => {
        if ((p.spec as { os?: { name?: string } }).os?.name === 'windows') return;
        if (evaluatePod(p, { level: 'restricted', version: v }).allowed) {
          assert.equal(evaluatePod(p, { level: 'baseline', version: v }).allowed, true);
        }
      }),
      { numRuns: 400 },
    );
  });

  test('every violation names fields, and each field or its container exists in the pod', () => {
    fc.assert(
      fc.property(
        pod,
        version,
        fc.constantFrom('baseline' as const, 'restricted' as const),
        (p, v, level) => {
          for (const violation of evaluatePod(p, { level, version: v }).violations) {
            assert.ok(violation.fields.length > 0, violation.check);
            for (const field of violation.fields) {
              const anchor =
                field.container !== undefined && field.path[0] === 'spec'
                  ? field.path.slice(0, 3)
                  : field.path.slice(0, 1);
              assert.ok(exists(p, anchor), `${violation.check}: ${field.path.join('.')}`);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  test('evaluation neither mutates the pod nor depends on earlier calls', () => {
    fc.assert(
      fc.property(pod, version, (p, v) => {
        const copy = structuredClone(p);
        const first = evaluatePod(p, { level: 'restricted', version: v });
        assert.deepEqual(p, copy);
        assert.deepEqual(evaluatePod(copy, { level: 'restricted', version: v }), first);
      }),
      { numRuns: 200 },
    );
  });

  test('the fix patch makes every pod pass, except for volume types it leaves to people', () => {
    fc.assert(
      fc.property(
        pod,
        version,
        fc.constantFrom('baseline' as const, 'restricted' as const),
        (p, v, level) => {
          const policy = { level, version: v };
          const fix = podFix(p, policy);
          if (!fix) return assert.equal(evaluatePod(p, policy).allowed, true);
          const patched = applyStrategicMerge({ metadata: p.metadata, spec: p.spec }, fix.patch) as PodLike;
          const remaining = evaluatePod(patched, policy).violations.map((x) => x.check);
          assert.deepEqual(remaining, fix.unresolved);
          for (const check of remaining)
            assert.ok(['hostPathVolumes', 'restrictedVolumes'].includes(check), check);
        },
      ),
      { numRuns: 400 },
    );
  });
});
