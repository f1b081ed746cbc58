import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { normalizeRule } from '../../engines/rbac/normalize.js';
import type { AccessRequest, PolicyRule, RbacRole } from '../../engines/rbac/types.js';
import { loadInventory } from '../../load/index.js';
import { defaultSettings } from '../defineRule.js';
import { runRules } from '../runRules.js';
import execRule from './RBAC-EXEC-030.js';
import podsRule from './RBAC-WL-020.js';
import type { RolesSet } from './rolesSet.js';
import { grants, RequestIndex, type ReviewedBinding } from './support.js';
import { grantYaml } from './testFixtures.js';

// The request index must answer exactly what `grants` answers binding by binding: every role it does not list for a
// request is one whose rules grant nothing for it (wildcards, subresources, resourceNames, non-resource URLs).

const written: Record<string, unknown[]> = {
  podsRead: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
  podsExec: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }],
  anyExec: [{ apiGroups: [''], resources: ['*/exec'], verbs: ['create'] }],
  podsStar: [{ apiGroups: [''], resources: ['pods/*'], verbs: ['*'] }],
  everything: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
  appsAll: [{ apiGroups: ['apps'], resources: ['*'], verbs: ['create', 'update'] }],
  namedSecret: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['db', 'api'] }],
  literalStarName: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['*'] }],
  bindRoles: [
    { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'] },
    { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'], verbs: ['create'] },
  ],
  metrics: [{ nonResourceURLs: ['/metrics', '/debug/*'], verbs: ['get'] }],
  empty: [],
  mixedCase: [{ apiGroups: [''], resources: ['Pods'], verbs: ['GET'] }],
  // The resource and the verb must be named by one rule: deleting pods is granted by neither rule here.
  splitVerbs: [
    { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
    { apiGroups: [''], resources: ['secrets'], verbs: ['delete'] },
  ],
  // Limited by resourceNames: counts for a request without a name, but for create and deletecollection (no name).
  namedConfig: [
    {
      apiGroups: [''],
      resources: ['configmaps'],
      verbs: ['create', 'deletecollection', 'get'],
      resourceNames: ['app'],
    },
  ],
  // create on a subresource names its object (pods/exec of one pod).
  namedExec: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'], resourceNames: ['web'] }],
  // A non-resource request carries no name: resourceNames are not read (rbac.go RuleAllows).
  namedHealth: [{ nonResourceURLs: ['/healthz'], verbs: ['get'], resourceNames: ['x'] }],
};

const roles = new Map<string, readonly PolicyRule[]>(
  Object.entries(written).map(([name, rules]) => [name, rules.map(normalizeRule)]),
);

const requests: AccessRequest[] = [
  { verb: 'get', apiGroup: '', resource: 'pods' },
  { verb: 'list', apiGroup: '', resource: 'pods', namespace: '' },
  { verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec' },
  { verb: 'create', apiGroup: '', resource: 'nodes', subresource: 'exec' },
  { verb: 'get', apiGroup: '', resource: 'pods', subresource: 'log' },
  { verb: 'create', apiGroup: 'apps', resource: 'deployments' },
  { verb: 'patch', apiGroup: 'apps', resource: 'deployments' },
  { verb: 'get', apiGroup: '', resource: 'secrets' },
  { verb: 'get', apiGroup: '', resource: 'secrets', name: 'db' },
  { verb: 'get', apiGroup: '', resource: 'secrets', name: 'other' },
  { verb: 'list', apiGroup: '', resource: 'secrets' },
  { verb: 'bind', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
  { verb: 'create', apiGroup: 'rbac.authorization.k8s.io', resource: 'rolebindings' },
  { verb: 'create', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', namespace: '' },
  { verb: 'get', path: '/metrics' },
  { verb: 'get', path: '/debug/pprof' },
  { verb: 'post', path: '/metrics' },
  { verb: 'get', apiGroup: '', resource: 'Pods' },
  { verb: 'delete', apiGroup: '', resource: 'pods' },
  { verb: '*', apiGroup: '', resource: 'pods' },
  { verb: 'create', apiGroup: '', resource: 'configmaps' },
  { verb: 'deletecollection', apiGroup: '', resource: 'configmaps' },
  { verb: 'get', apiGroup: '', resource: 'configmaps' },
  { verb: 'get', apiGroup: '', resource: 'configmaps', name: 'app' },
  { verb: 'get', apiGroup: '', resource: 'configmaps', name: 'other' },
  { verb: 'get', path: '/healthz' },
];

function entry(rules: readonly PolicyRule[], scope?: string): ReviewedBinding {
  const role = {
    kind: 'ClusterRole',
    name: 'r',
    labels: {},
    rules,
    declaredRules: rules,
    order: 0,
  } as RbacRole;
  const out = { binding: {}, object: {}, role } as unknown as ReviewedBinding;
  if (scope !== undefined) out.scope = scope;
  return out;
}

const namesOf = (set: RolesSet) => [...roles].filter(([, rules]) => set.has(rules)).map(([name]) => name);

describe('RequestIndex', () => {
  const index = new RequestIndex(roles.values());

  it('lists exactly the roles whose rules grant each request (as grants decides per binding)', () => {
    for (const request of requests) {
      const expected = [...roles]
        .filter(([, rules]) => grants(entry(rules), [request]))
        .map(([name]) => name);
      assert.deepEqual(namesOf(index.grantedBy(request)), expected, JSON.stringify(request));
    }
  });

  it('answers a table of requests with the expected roles', () => {
    const table: [AccessRequest, string[]][] = [
      [requests[0]!, ['podsRead', 'everything', 'splitVerbs']],
      [requests[2]!, ['podsExec', 'anyExec', 'everything', 'namedExec']],
      [requests[3]!, ['anyExec', 'everything']],
      [requests[4]!, ['everything']],
      [requests[5]!, ['everything', 'appsAll']],
      // Without a name, a grant limited by resourceNames counts (the hit lists its names) ...
      [requests[7]!, ['everything', 'namedSecret', 'literalStarName']],
      // ... with one, only a rule naming it does; `*` is a literal name, not a wildcard.
      [requests[9]!, ['everything']],
      // `resources: ['*']` covers no non-resource URL; a trailing `*` of a URL is a prefix glob.
      [requests[14]!, ['metrics']],
      [requests[15]!, ['metrics']],
      [requests[16]!, []],
      // Matching is case-sensitive (rbac.go RuleAllows).
      [requests[17]!, ['everything']],
      // Indexed by resource and verb of one rule; the verb `*` is matched only by a rule listing `*`.
      [requests[18]!, ['everything']],
      [requests[19]!, ['everything']],
      // A grant limited by resourceNames never covers create of a resource nor deletecollection ...
      [requests[20]!, ['everything']],
      [requests[21]!, ['everything']],
      // ... but covers a read without a name, and a read of one of its names.
      [requests[22]!, ['everything', 'namedConfig']],
      [requests[23]!, ['everything', 'namedConfig']],
      [requests[24]!, ['everything']],
      [requests[25]!, ['namedHealth']],
    ];
    for (const [request, expected] of table)
      assert.deepEqual(namesOf(index.grantedBy(request)), expected, JSON.stringify(request));
  });

  it('grantingSome needs every request of an alternative, and never grants cluster scope to a namespace', () => {
    const write = [requests[12]!];
    const writeCluster = [requests[13]!];
    const bindAndWrite = [requests[11]!, requests[12]!];
    assert.deepEqual(namesOf(index.grantingSome([bindAndWrite], false)), ['everything', 'bindRoles']);
    assert.deepEqual(namesOf(index.grantingSome([writeCluster, write], true)), ['everything', 'bindRoles']);
    assert.deepEqual(namesOf(index.grantingSome([writeCluster], true)), []);
    assert.deepEqual(namesOf(index.grantingSome([writeCluster], false)), ['everything']);
    assert.deepEqual(namesOf(index.grantingSome([[]], false)), []);
  });
});

describe("the scan's request index", () => {
  it("indexes every reviewable binding's role, whatever exceptions the first rule asking for it has", async () => {
    // The one binding is an accepted exception of RBAC-WL-020 (which runs first and builds the index); RBAC-EXEC-030
    // has no exception and must still report it.
    const grant = grantYaml({
      namespace: 'shop',
      rules: [{ apiGroups: [''], resources: ['pods', 'pods/exec'], verbs: ['create', 'get'] }],
    });
    const directory = mkdtempSync(join(tmpdir(), 'aksguard-index-'));
    try {
      writeFileSync(join(directory, 'rbac.yaml'), grant.yaml);
      const inventory = await loadInventory({ paths: ['.'], cwd: directory });
      const exception = {
        name: 'grant',
        namespace: 'shop',
        roleRef: { kind: 'ClusterRole', name: 'custom' },
        subjects: [{ kind: 'User', name: 'alice@contoso.com' }],
      };
      const result = runRules(inventory, [podsRule, execRule], {
        settings: defaultSettings(),
        params: { [podsRule.id]: { exceptions: [exception] } },
      });
      assert.deepEqual(
        result.findings.map((f) => [f.ruleId, f.location?.line]),
        [[execRule.id, grant.line]],
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
