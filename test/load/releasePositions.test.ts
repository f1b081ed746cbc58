/** Documents whose positions were let go (`netpol list` after the invalid policies are reported). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { liveDocument, releasePositions } from '../../src/load/document.js';
import { objectsOfDocument } from '../../src/load/k8s/objects.js';
import { parseYamlFile } from '../../src/load/yaml.js';
import { locateIn } from '../../src/model/k8s.js';

const TEXT = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: a, namespace: x}
  spec:
    containers: [{name: c, image: i}]
- apiVersion: v1
  kind: Pod
  metadata: {name: b, namespace: x}
  spec:
    containers: [{name: c, image: j}]
`;

function loaded() {
  const [document] = parseYamlFile('list.yaml', TEXT).documents;
  return objectsOfDocument(document!, 'default').objects;
}

describe('releasePositions', () => {
  it('locates every path of each object at the object, keeping file, index and value', () => {
    const objects = loaded();
    assert.deepEqual(
      objects.map((object) => locateIn(object, ['spec', 'containers', 0, 'image']).line),
      [8, 13],
    );
    const values = objects.map((object) => object.document.value);
    releasePositions(objects);
    assert.deepEqual(
      objects.map((object) => [object.document.file, object.document.index, object.location.line]),
      [
        ['list.yaml', 0, 4],
        ['list.yaml', 0, 9],
      ],
    );
    assert.deepEqual(
      objects.map((object) => locateIn(object, ['spec', 'containers', 0, 'image'])),
      objects.map((object) => object.location),
    );
    assert.deepEqual(
      objects.map((object) => object.document.value),
      values,
    );
    const once = objects[0]!.document;
    releasePositions(objects);
    assert.equal(objects[0]!.document, once, 'a second release changes nothing');
  });

  it('leaves live documents as they are', () => {
    const [object] = loaded();
    const live = liveDocument(
      { source: 'context prod', path: '/api/v1/namespaces/x/pods/a', api: 'kubernetes' },
      {},
    );
    object!.document = live;
    releasePositions([object!]);
    assert.equal(object!.document, live);
  });
});
