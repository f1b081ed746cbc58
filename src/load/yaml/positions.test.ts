import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import type { PathSegment } from '../../model/source.js';
import { linePosition, lineStartsOf, type PositionNode, positionTreeOf } from '../positions.js';
import { parseYamlFile } from '../yaml.js';
import { newResolved, resolvePlain } from './goResolve.js';

/**
 * The reader's positions against the `yaml` package's syntax tree (the reference for where a node starts): for
 * any document in any layout, every field that both readings name points at the same line and column.
 */
function* paths(node: PositionNode, path: PathSegment[] = []): Generator<[PathSegment[], number]> {
  yield [path, node.start];
  if (node.entries)
    for (const [key, child] of Object.entries(node.entries)) yield* paths(child, [...path, key]);
  if (node.items) for (const [index, child] of node.items.entries()) yield* paths(child, [...path, index]);
}

function has(value: unknown, path: readonly PathSegment[]): boolean {
  let node = value;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return false;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return true;
}

/** Each text is read by both readers: the fast reader (default) and the event decoder it falls back to. */
function assertSamePositions(text: string): void {
  assertSamePositionsWith(text, 'fast');
  assertSamePositionsWith(text, 'events');
}

function assertSamePositionsWith(text: string, reader: 'fast' | 'events'): void {
  const ours = parseYamlFile('p.yaml', text, { reader });
  assert.deepEqual(
    ours.issues.filter((issue) => issue.level === 'error'),
    [],
    text,
  );
  const reference = parseAllDocuments(text, { merge: true }).filter(
    (document) => document.contents !== null && document.toJS() !== null && document.toJS() !== undefined,
  );
  assert.equal(ours.documents.length, reference.length, text);
  const starts = lineStartsOf(text);
  reference.forEach((document, index) => {
    const mine = ours.documents[index]!;
    for (const [path, offset] of paths(positionTreeOf(document.contents))) {
      // Keys the two readings name differently (YAML 1.1 `y` is "true") have no common path.
      if (!has(mine.value, path)) continue;
      const expected = linePosition(starts, offset);
      const actual = mine.locate(path);
      assert.deepEqual(
        [actual.line, actual.column],
        [expected.line, expected.column],
        `${JSON.stringify(path)} in\n${text}`,
      );
    }
  });
}

const key = fc
  .oneof(
    fc.constantFrom('apiVersion', 'kind', 'metadata', 'name', 'spec', 'a b', 'x-y', '1', 'true'),
    fc.string({ minLength: 1, maxLength: 6 }),
  )
  // Keys that YAML 1.1 reads as something else (`Y` is true) would collide with others: not a position question.
  .filter((name) => {
    if (name === '<<') return false;
    const resolved = newResolved();
    resolvePlain(name, resolved);
    return resolved.kind === 'string';
  });
const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
})).node;
const layout = fc.record({
  indent: fc.constantFrom(2, 4),
  collectionStyle: fc.constantFrom('any', 'block', 'flow'),
  defaultStringType: fc.constantFrom(
    'PLAIN',
    'QUOTE_DOUBLE',
    'QUOTE_SINGLE',
    'BLOCK_LITERAL',
    'BLOCK_FOLDED',
  ),
  defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE'),
});

describe('reader positions', () => {
  it('equal the yaml syntax tree starts for any document in any layout', () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), { minLength: 1, maxLength: 3 }),
        layout,
        (docs, options) => {
          const text = docs
            .map((doc) => stringify(doc, options as unknown as Parameters<typeof stringify>[1]))
            .join('---\n');
          assertSamePositions(text);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('agree on a Kubernetes manifest with block scalars, flow maps, comments and merge keys', () => {
    assertSamePositions(`# a comment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels: { app: api, tier: "web" }
spec:
  template:
    spec:
      containers:
        - &base
          name: api
          image: contoso.azurecr.io/api:1.0
          args: ["--port", '8080']
          command:
            - sh
            - |
              echo hi
        - <<: *base
          name: sidecar
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data:
  k: >-
    folded
    text
  empty:
`);
  });
});
