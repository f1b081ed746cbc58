import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluatePod } from '../../src/engines/pss/evaluate.js';
import { loadInventory } from '../../src/load/index.js';
import { locateIn } from '../../src/model/k8s.js';
import { tempTree } from '../support/tempTree.js';

/** A container list of `count` containers named c0, c1, ... (YAML, indented for a pod spec under `spec.template`). */
function containers(count: number, indent: string): string {
  return Array.from(
    { length: count },
    (_, index) => `${indent}- name: c${index}\n${indent}  image: x:${index}\n`,
  ).join('');
}

const deployment = (name: string, body: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name} }
spec:
  template:
    spec:
${body}`;

async function templatesOf(text: string) {
  const tree = tempTree({ 'm.yaml': text });
  try {
    return (await loadInventory({ paths: ['.'], cwd: tree.dir })).podTemplates;
  } finally {
    tree.cleanup();
  }
}

describe('container paths: shared by templates of the same kind, exact for every list and index', () => {
  it('gives each container its path, located at its line, and shares them between Deployments', async () => {
    const text = [
      deployment(
        'a',
        `      initContainers:\n${containers(1, '        ')}      containers:\n${containers(2, '        ')}`,
      ),
      deployment('b', `      containers:\n${containers(70, '        ')}`),
      'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - name: solo\n      image: y\n',
    ].join('---\n');
    const [a, b, pod] = await templatesOf(text);
    assert.deepEqual(
      a!.containers.map((ref) => [ref.name, ref.path]),
      [
        ['c0', ['spec', 'template', 'spec', 'initContainers', 0]],
        ['c0', ['spec', 'template', 'spec', 'containers', 0]],
        ['c1', ['spec', 'template', 'spec', 'containers', 1]],
      ],
    );
    assert.equal(b!.containers.length, 70);
    // Shared below the bound, made per template past it; equal either way.
    assert.equal(b!.containers[0]!.path, a!.containers[1]!.path);
    assert.equal(b!.containers[1]!.path, a!.containers[2]!.path);
    assert.deepEqual(b!.containers[63]!.path, ['spec', 'template', 'spec', 'containers', 63]);
    assert.deepEqual(b!.containers[69]!.path, ['spec', 'template', 'spec', 'containers', 69]);
    assert.deepEqual(pod!.containers[0]!.path, ['spec', 'containers', 0]);
    // Lines: a's document is 15 lines long (its init container at line 8, its containers from line 11).
    assert.deepEqual(
      a!.containers.map((ref) => locateIn(a!.owner, [...ref.path, 'image']).line),
      [9, 12, 14],
    );
    assert.equal(locateIn(b!.owner, [...b!.containers[69]!.path, 'name']).line, 15 + 8 + 2 * 69);
  });

  it('gives PSS violations of any container the path upstream writes', () => {
    const many = Array.from({ length: 20 }, (_, index) => ({ name: `c${index}`, image: 'x' }));
    many[17] = { name: 'c17', image: 'x', securityContext: { privileged: true } } as (typeof many)[number];
    const result = evaluatePod(
      {
        spec: {
          initContainers: [{ name: 'i0', image: 'x', securityContext: { privileged: true } }],
          containers: many,
        },
      },
      { level: 'baseline', version: 'latest' },
    );
    assert.deepEqual(
      result.violations.map((v) => [v.check, v.fields.map((f) => f.path)]),
      [
        [
          'privileged',
          [
            ['spec', 'initContainers', 0, 'securityContext', 'privileged'],
            ['spec', 'containers', 17, 'securityContext', 'privileged'],
          ],
        ],
      ],
    );
  });
});
