import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { RbacEngine } from '../../../src/engines/rbac/engine.js';
import type { AccessRequest } from '../../../src/engines/rbac/types.js';
import { whoCan } from '../../../src/engines/rbac/whoCan.js';

// rbac-tool's who-can fixtures (data/rbac-tool, Apache-2.0, see PROVENANCE.md). rbac-tool's who-can has no
// namespace, so each query runs with all namespaces (-A); the expected subjects are those of the file header.

const DATA = join(dirname(fileURLToPath(import.meta.url)), 'data', 'rbac-tool');

function engineOf(file: string) {
  const objects = parseAllDocuments(readFileSync(join(DATA, file), 'utf8'))
    .map((d) => d.toJS() as Record<string, unknown> | null)
    .filter((o): o is Record<string, unknown> => o !== null)
    .map((raw) => ({ raw }));
  return RbacEngine.fromObjects(objects);
}

const cases: [string, AccessRequest, string[]][] = [
  [
    'clusterrole-aggregate.yaml',
    { verb: 'get', apiGroup: '', resource: 'pods' },
    [
      'Group system:masters',
      'User test-aggregate-user',
      'Group test-aggregate-group',
      'ServiceAccount test/test-aggregate-sa',
    ],
  ],
  [
    'clusterrole-aggregate.yaml',
    { verb: 'create', apiGroup: '', resource: 'pods' },
    [
      'Group system:masters',
      'User test-aggregate-user',
      'Group test-aggregate-group',
      'ServiceAccount test/test-aggregate-sa',
    ],
  ],
  [
    'impersonator.yaml',
    { verb: 'impersonate', apiGroup: '', resource: 'serviceaccounts' },
    ['Group system:masters', 'User test-impersonator-user'],
  ],
  [
    'pod-creator.yaml',
    { verb: 'create', apiGroup: '', resource: 'pods' },
    [
      'Group system:masters',
      'User test-pod-creator-user',
      'Group test-pod-creator-group',
      'ServiceAccount test/test-pod-creator-sa',
    ],
  ],
  [
    'secret-reader.yaml',
    { verb: 'get', apiGroup: '', resource: 'secrets' },
    ['Group system:masters', 'User test-secret-reader', 'ServiceAccount test/test-secret-reader-sa'],
  ],
  [
    'specific-resource-reader.yaml',
    { verb: 'get', apiGroup: '', resource: 'secrets', name: 'some-secret' },
    [
      'Group system:masters',
      'User test-specific-secret-reader',
      'ServiceAccount test/test-specific-secret-reader-sa',
    ],
  ],
  // Exact semantics: resourceNames never allow an unnamed request.
  [
    'specific-resource-reader.yaml',
    { verb: 'get', apiGroup: '', resource: 'secrets' },
    ['Group system:masters'],
  ],
  // rbac-tool expects User test-nonresourceurl-reader here. Upstream, non-resource requests have no namespace, so
  // RoleBindings are never visited (rbac.go VisitRulesFor): a RoleBinding to a URL rule grants nothing.
  ['nonresourceurl-reader.yaml', { verb: 'get', path: '/test-reader' }, ['Group system:masters']],
];

for (const [file, request, expected] of cases) {
  const query = request.path ?? `${request.resource}${request.name ? `/${request.name}` : ''}`;
  test(`${file}: who-can ${request.verb} ${query}`, () => {
    const found = whoCan(engineOf(file), request, { allNamespaces: true }).map(
      (s) => `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${s.name}`,
    );
    assert.deepEqual(found, expected);
  });
}
