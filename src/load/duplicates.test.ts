import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LoadIssue } from '../model/inventory.js';
import { canonicalJson, keepOnce } from './duplicates.js';
import { objectsOfDocument } from './k8s/objects.js';
import { parseYamlFile } from './yaml.js';

function objectsOf(file: string, text: string) {
  return parseYamlFile(file, text).documents.flatMap(
    (document) => objectsOfDocument(document, 'default').objects,
  );
}

const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n';

describe('objects declared more than once', () => {
  it('identical copies: the first kept with the others as duplicates, one note naming every place', () => {
    const issues: LoadIssue[] = [];
    const objects = [
      ...objectsOf('a.yaml', service),
      // Same object: keys in another order, the default namespace written out.
      ...objectsOf(
        'b.yaml',
        'kind: Service\napiVersion: v1\nmetadata:\n  namespace: default\n  name: web\nspec:\n  type: LoadBalancer\n',
      ),
    ];
    const kept = keepOnce(objects, issues);
    assert.equal(kept.length, 1);
    assert.deepEqual(kept[0]!.duplicates, [
      { file: 'b.yaml', line: 1, column: 1, endLine: 7, endColumn: 21 },
    ]);
    assert.deepEqual(
      issues.map((issue) => issue.message),
      ['Service default/web is declared 2 times with the same content (a.yaml:1, b.yaml:1); scanned once'],
    );
  });

  it('different contents: each kept, with a note', () => {
    const issues: LoadIssue[] = [];
    const kept = keepOnce(
      [...objectsOf('a.yaml', service), ...objectsOf('b.yaml', service.replace('LoadBalancer', 'ClusterIP'))],
      issues,
    );
    assert.equal(kept.length, 2);
    assert.match(
      issues[0]!.message,
      /declared 2 times with 2 different contents \(a\.yaml:1, b\.yaml:1\); each different content is scanned/,
    );
  });

  it('same name in other namespaces or kinds, and generateName objects, are different objects', () => {
    const issues: LoadIssue[] = [];
    const kept = keepOnce(
      [
        ...objectsOf('a.yaml', service),
        ...objectsOf('b.yaml', service.replace('name: web', 'name: web\n  namespace: shop')),
        ...objectsOf('c.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n'),
        ...objectsOf(
          'd.yaml',
          'apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: run-}\n---\napiVersion: batch/v1\nkind: Job\nmetadata: {generateName: run-}\n',
        ),
      ],
      issues,
    );
    assert.equal(kept.length, 5);
    assert.deepEqual(issues, []);
  });

  it('canonical JSON sorts keys at every depth', () => {
    assert.equal(canonicalJson({ b: [{ d: 1, c: 2 }], a: null }), '{"a":null,"b":[{"c":2,"d":1}]}');
  });
});
