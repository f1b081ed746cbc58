import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { EscalationGraph, verifyStep } from './escalation.js';
import { ruleAllows } from './match.js';
import { appliesTo, describeGrant, serviceAccountUser } from './subjects.js';
import {
  clusterRole,
  clusterRoleBinding,
  engineOf,
  role,
  roleBinding,
  type SubjectSpec,
} from './testFixtures.js';
import type { AccessRequest, RbacBinding, UserInfo } from './types.js';
import { whoCan } from './whoCan.js';

// Property tests over small random policies drawn from a vocabulary that exercises every wildcard form.

const verbs = ['get', 'list', 'create', 'update', 'patch', 'bind', 'escalate', 'impersonate', '*', 'GET'];
const groups = ['', 'apps', 'rbac.authorization.k8s.io', '*'];
const resources = [
  'pods',
  'pods/exec',
  '*/exec',
  'pods/*',
  'secrets',
  'serviceaccounts',
  'serviceaccounts/token',
  'deployments',
  'clusterroles',
  'clusterrolebindings',
  'rolebindings',
  'roles',
  'users',
  'groups',
  'namespaces',
  '*',
];
const names = ['a', 'b', '*', 'system:masters', 'app'];
const namespaces = ['ns1', 'ns2'];
const urls = ['/healthz', '/healthz/*', '/api*', '*'];

const ruleArb = fc.oneof(
  fc.record({
    verbs: fc.subarray(verbs, { minLength: 1, maxLength: 3 }),
    apiGroups: fc.subarray(groups, { minLength: 1, maxLength: 2 }),
    resources: fc.subarray(resources, { minLength: 1, maxLength: 3 }),
    resourceNames: fc.oneof(fc.constant<string[]>([]), fc.subarray(names, { minLength: 1, maxLength: 2 })),
  }),
  fc.record({
    verbs: fc.subarray(verbs, { minLength: 1, maxLength: 2 }),
    nonResourceURLs: fc.subarray(urls, { minLength: 1 }),
  }),
);

const subjectArb: fc.Arbitrary<SubjectSpec> = fc.oneof(
  fc.constantFrom('alice', 'bob', '*').map((name) => ({ kind: 'User', name })),
  fc
    .constantFrom('devs', 'system:authenticated', 'system:serviceaccounts:ns1')
    .map((name) => ({ kind: 'Group', name })),
  fc.record({
    kind: fc.constant('ServiceAccount'),
    name: fc.constantFrom('app', 'default'),
    namespace: fc.constantFrom(...namespaces),
  }),
  fc.constantFrom('app', 'default').map((name) => ({ kind: 'ServiceAccount', name })),
);

const roleNames = ['r1', 'r2', 'r3', 'missing'];
type Raw = Record<string, unknown>;

const policyArb: fc.Arbitrary<Raw[]> = fc
  .record({
    clusterRoles: fc.array(
      fc.tuple(fc.constantFrom('r1', 'r2', 'r3'), fc.array(ruleArb, { minLength: 1, maxLength: 3 })),
      { maxLength: 3 },
    ),
    roles: fc.array(
      fc.tuple(
        fc.constantFrom(...namespaces),
        fc.constantFrom('r1', 'r2'),
        fc.array(ruleArb, { minLength: 1, maxLength: 2 }),
      ),
      { maxLength: 2 },
    ),
    bindings: fc.array(bindingArb(), { maxLength: 5 }),
  })
  .map(({ clusterRoles, roles, bindings }) => [
    ...clusterRoles.map(([n, rules]) => clusterRole(n, rules)),
    ...roles.map(([ns, n, rules]) => role(ns, n, rules)),
    ...bindings,
  ]);

function bindingArb(): fc.Arbitrary<Raw> {
  return fc.oneof(
    fc
      .record({
        name: fc.constantFrom('b1', 'b2', 'b3'),
        role: fc.constantFrom(...roleNames),
        subjects: fc.array(subjectArb, { minLength: 1, maxLength: 2 }),
      })
      .map(({ name, role: r, subjects }) => clusterRoleBinding(name, r, subjects)),
    fc
      .record({
        ns: fc.constantFrom(...namespaces),
        name: fc.constantFrom('b1', 'b2'),
        kind: fc.constantFrom('Role' as const, 'ClusterRole' as const),
        role: fc.constantFrom(...roleNames),
        subjects: fc.array(subjectArb, { minLength: 1, maxLength: 2 }),
      })
      .map(({ ns, name, kind, role: r, subjects }) => roleBinding(ns, name, { kind, name: r }, subjects)),
  );
}

const userArb: fc.Arbitrary<UserInfo> = fc.oneof(
  fc.record({
    name: fc.constantFrom('alice', 'bob'),
    groups: fc.subarray(['devs', 'system:authenticated', 'system:masters']),
  }),
  fc
    .record({ ns: fc.constantFrom(...namespaces), name: fc.constantFrom('app', 'default') })
    .map(({ ns, name }) => serviceAccountUser(ns, name)),
);

const requestArb: fc.Arbitrary<AccessRequest> = fc.oneof(
  fc
    .record({
      verb: fc.constantFrom('get', 'list', 'create', 'update', 'bind', 'impersonate', 'GET'),
      apiGroup: fc.constantFrom('', 'apps', 'rbac.authorization.k8s.io'),
      resource: fc.constantFrom(
        'pods',
        'secrets',
        'deployments',
        'clusterroles',
        'users',
        'serviceaccounts',
        'namespaces',
      ),
      subresource: fc.constantFrom(undefined, 'exec', 'token', 'log'),
      name: fc.constantFrom(undefined, 'a', 'b', '*', 'app'),
      namespace: fc.constantFrom('', ...namespaces),
    })
    .map(
      (r) =>
        Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as AccessRequest,
    ),
  fc.record({
    verb: fc.constantFrom('get', 'post'),
    path: fc.constantFrom('/healthz', '/healthz/etcd', '/apis', '/metrics'),
  }),
);

// Escalation-oriented policies: every rule is one of the primitives of rbac.md §3.3 (optionally name-limited).
const powerRules: [string[], string, string[]][] = [
  [['create'], '', ['pods']],
  [['create'], 'apps', ['deployments']],
  [['get'], '', ['secrets']],
  [['create', 'get'], '', ['secrets']],
  [['create'], '', ['serviceaccounts/token']],
  [['impersonate'], '', ['users', 'groups']],
  [['impersonate'], '', ['serviceaccounts']],
  [['bind'], 'rbac.authorization.k8s.io', ['clusterroles', 'roles']],
  [['create'], 'rbac.authorization.k8s.io', ['rolebindings', 'clusterrolebindings']],
  [['escalate', 'update', 'create'], 'rbac.authorization.k8s.io', ['clusterroles']],
  [['create', 'get'], '', ['pods/exec']],
  [['patch'], '', ['pods', 'namespaces']],
  [['get'], '', ['nodes/proxy']],
  [['create'], 'admissionregistration.k8s.io', ['mutatingwebhookconfigurations']],
  [['*'], '*', ['*']],
];
const powerRuleArb = fc
  .tuple(
    fc.constantFrom(...powerRules),
    fc.oneof(fc.constant<string[]>([]), fc.subarray(names, { minLength: 1, maxLength: 2 })),
  )
  .map(([[v, g, r], resourceNames]) => ({ verbs: v, apiGroups: [g], resources: r, resourceNames }));
const powerPolicyArb: fc.Arbitrary<Raw[]> = fc
  .record({
    clusterRoles: fc.tuple(
      ...['r1', 'r2', 'r3'].map(() => fc.array(powerRuleArb, { minLength: 1, maxLength: 3 })),
    ),
    roles: fc.array(
      fc.tuple(fc.constantFrom(...namespaces), fc.array(powerRuleArb, { minLength: 1, maxLength: 2 })),
      { maxLength: 2 },
    ),
    bindings: fc.array(
      fc.record({
        ns: fc.constantFrom(undefined, ...namespaces),
        role: fc.constantFrom('r1', 'r2', 'r3'),
        subjects: fc.array(subjectArb, { minLength: 1, maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ clusterRoles, roles, bindings }) => [
    ...clusterRoles.map((rules, i) => clusterRole(`r${i + 1}`, rules)),
    ...roles.map(([ns, rules]) => role(ns, 'r1', rules)),
    ...bindings.map((b, i) =>
      b.ns === undefined
        ? clusterRoleBinding(`b${i}`, b.role, b.subjects)
        : roleBinding(b.ns, `b${i}`, { kind: 'ClusterRole', name: b.role }, b.subjects),
    ),
  ]);

/** A direct transcription of VisitRulesFor, visiting every binding: the reference the indexed engine must equal. */
function referenceAuthorize(
  engine: ReturnType<typeof engineOf>,
  user: UserInfo,
  request: AccessRequest,
): string {
  if ((user.groups ?? []).includes('system:masters'))
    return 'allowed by privileged group "system:masters" (bypasses RBAC)';
  const namespace = request.path === undefined ? (request.namespace ?? '') : '';
  const visit = (b: RbacBinding): string | undefined => {
    const i = appliesTo(user, b);
    if (i < 0) return undefined;
    const r = engine.resolve(b as never).role;
    if (r?.rules.some((rule) => ruleAllows(rule, request))) return `RBAC: allowed by ${describeGrant(b, i)}`;
    return undefined;
  };
  for (const b of engine.bindings)
    if (b.kind === 'ClusterRoleBinding') {
      const r = visit(b as RbacBinding);
      if (r) return r;
    }
  if (namespace)
    for (const b of engine.bindings)
      if (b.kind === 'RoleBinding' && b.namespace === namespace) {
        const r = visit(b as RbacBinding);
        if (r) return r;
      }
  return 'denied';
}

describe('RBAC engine properties', () => {
  test('the indexed authorizer equals a direct transcription of the upstream visit loop (decision and reason)', () => {
    fc.assert(
      fc.property(policyArb, userArb, requestArb, (policy, user, request) => {
        const engine = engineOf(policy);
        const d = engine.authorize({ ...request, user: user.name, groups: user.groups ?? [] });
        assert.equal(d.allowed ? d.reason : 'denied', referenceAuthorize(engine, user, request));
      }),
      { numRuns: 400 },
    );
  });

  test('adding a binding never removes an allow', () => {
    fc.assert(
      fc.property(policyArb, bindingArb(), userArb, requestArb, (policy, extra, user, request) => {
        const before = engineOf(policy).authorize({ ...request, user: user.name, groups: user.groups ?? [] });
        const after = engineOf([...policy, extra]).authorize({
          ...request,
          user: user.name,
          groups: user.groups ?? [],
        });
        if (before.allowed) assert.equal(after.allowed, true);
      }),
      { numRuns: 300 },
    );
  });

  test('can-i agrees with who-can', () => {
    fc.assert(
      fc.property(policyArb, userArb, requestArb, (policy, user, request) => {
        const engine = engineOf(policy);
        const allowed = engine.authorize({ ...request, user: user.name, groups: user.groups ?? [] }).allowed;
        const userGroups = new Set(user.groups ?? []);
        const listed = whoCan(engine, request).some((s) => {
          if (s.kind === 'User') return s.name === user.name;
          if (s.kind === 'Group') return userGroups.has(s.name);
          return user.name === `system:serviceaccount:${s.namespace}:${s.name}`;
        });
        assert.equal(listed, allowed);
      }),
      { numRuns: 300 },
    );
  });

  test('every escalation path is verifiable step by step with authorize', () => {
    const primitivesSeen = new Set<string>();
    fc.assert(
      fc.property(fc.oneof(policyArb, powerPolicyArb, powerPolicyArb), requestArb, (policy, request) => {
        const engine = engineOf(policy);
        const graph = new EscalationGraph(engine, {
          workloadServiceAccounts: [{ namespace: 'ns1', name: 'app' }],
          tokenSecrets: [
            { namespace: 'ns2', name: 'app', secret: 'a' },
            { namespace: 'ns1', name: 'default', secret: 'b' },
          ],
          podSecurityEnforce: new Map([
            ['ns1', 'privileged'],
            ['ns2', 'restricted'],
          ]),
        });
        for (const goal of [{ kind: 'cluster-admin' as const }, { kind: 'permission' as const, request }]) {
          const distances = graph.analyse(goal);
          for (const [subject, steps] of distances) {
            const path = graph.pathOf(subject)!;
            assert.equal(path.steps.length, steps);
            for (const alternative of graph.alternativesOf(subject)) {
              assert.equal(alternative.steps.length, steps);
              for (const step of alternative.steps)
                assert.ok(verifyStep(engine, step), `${subject}: ${step.description}`);
            }
            for (const step of path.steps) {
              assert.ok(verifyStep(engine, step), `${subject}: ${step.description}`);
              primitivesSeen.add(step.primitive);
            }
          }
        }
      }),
      // Fixed seed: the coverage check below must not depend on luck.
      { numRuns: 400, seed: 20261122 },
    );
    // The generator must actually exercise the graph's primitives (bind and the rest: escalation.test.ts).
    for (const p of [
      'create-pods',
      'read-secrets',
      'token-request',
      'exec',
      'impersonate',
      'escalate',
      'holds-goal',
    ])
      assert.ok(primitivesSeen.has(p), `primitive ${p} never exercised (${[...primitivesSeen]})`);
  });
});
