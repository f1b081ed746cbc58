import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { RbacEngine } from '../../src/engines/rbac/engine.js';
import { KUBERNETES_KINDS, type KubernetesKindInfo } from '../../src/model/inputs.js';

function objects(file: string): { raw: Record<string, unknown> }[] {
  const text = readFileSync(new URL(`../../deploy/${file}`, import.meta.url), 'utf8');
  return parseAllDocuments(text).map((document) => ({ raw: document.toJS() as Record<string, unknown> }));
}

const SA = 'system:serviceaccount:aksguard:aksguard';
const groups = ['system:serviceaccounts', 'system:serviceaccounts:aksguard', 'system:authenticated'];
const kinds = Object.values(KUBERNETES_KINDS) as KubernetesKindInfo[];
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

describe('deploy/: the read-only ClusterRoles of live scans', () => {
  const reader = RbacEngine.fromObjects(objects('clusterrole.yaml'));
  const withSecrets = RbacEngine.fromObjects([
    ...objects('clusterrole.yaml'),
    ...objects('clusterrole-secrets.yaml'),
  ]);
  const allowed = (
    engine: RbacEngine<{ raw: Record<string, unknown> }>,
    verb: string,
    info: KubernetesKindInfo,
  ) => engine.authorize({ user: SA, groups, verb, apiGroup: info.group, resource: info.resource }).allowed;

  it('lists and gets exactly every kind the rules read, Secrets excepted, and writes nothing', () => {
    for (const info of kinds) {
      const expected = info.kind !== 'Secret';
      assert.equal(allowed(reader, 'list', info), expected, `list ${info.resource}`);
      assert.equal(allowed(reader, 'get', info), expected, `get ${info.resource}`);
      for (const verb of VERBS.slice(2))
        assert.equal(allowed(reader, verb, info), false, `${verb} ${info.resource}`);
    }
    assert.equal(
      reader.authorize({ user: SA, groups, verb: 'get', apiGroup: '', resource: 'nodes' }).allowed,
      false,
    );
  });

  it('the Secrets role adds list on Secrets (metadata is all aksguard asks for) and nothing else', () => {
    const secret = KUBERNETES_KINDS.Secret;
    assert.equal(allowed(withSecrets, 'list', secret), true);
    assert.equal(allowed(withSecrets, 'get', secret), false);
    for (const info of kinds)
      if (info !== secret) assert.equal(allowed(withSecrets, 'list', info), allowed(reader, 'list', info));
  });
});
