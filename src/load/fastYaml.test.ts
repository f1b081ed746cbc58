import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import { parseYamlFast } from './fastYaml.js';
import { type PositionNode, positionTreeOf } from './positions.js';

/** The shape of a tree with starts only (what findings report) or with ends too. */
function shape(node: PositionNode | undefined, withEnds: boolean): unknown {
  if (!node) return undefined;
  const out: Record<string, unknown> = { start: node.start };
  if (withEnds) out.end = node.end;
  if (node.entries)
    out.entries = Object.fromEntries(Object.entries(node.entries).map(([k, v]) => [k, shape(v, withEnds)]));
  if (node.items) out.items = node.items.map((item) => shape(item, withEnds));
  return out;
}

function viaYaml(text: string) {
  return parseAllDocuments(text, { merge: true })
    .map((doc, index) => ({ index, value: doc.toJS(), tree: positionTreeOf(doc.contents) }))
    .filter((doc) => doc.value !== null && doc.value !== undefined);
}

function assertSame(text: string, withEnds: boolean): void {
  const fast = parseYamlFast(text);
  assert.ok(fast, `fast path declined:\n${text}`);
  const slow = viaYaml(text);
  assert.deepEqual(
    fast.map((doc) => ({ index: doc.index, value: doc.value })),
    slow.map((doc) => ({ index: doc.index, value: doc.value })),
  );
  assert.deepEqual(
    fast.map((doc) => shape(doc.tree, withEnds)),
    slow.map((doc) => shape(doc.tree, withEnds)),
    text,
  );
}

// `<<` keys are merge keys, which the fast path leaves to the yaml path (tested below).
const key = fc
  .oneof(
    fc.constantFrom('apiVersion', 'kind', 'metadata', 'name', 'spec', 'a b', 'x-y', '1', 'true'),
    fc.string({ minLength: 1, maxLength: 6 }),
  )
  .filter((name) => name !== '<<');
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

describe('fast YAML path', () => {
  it('gives the values and start positions of the yaml path, for any document in any layout', () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), { minLength: 1, maxLength: 3 }),
        layout,
        (docs, options) => {
          const text = docs
            .map((doc) => stringify(doc, options as unknown as Parameters<typeof stringify>[1]))
            .join('---\n');
          assertSame(text, false);
        },
      ),
      { numRuns: 600 },
    );
  });

  // Ends may stop before a trailing line break where the yaml path includes it; findings use starts.
  it('agrees on Kubernetes-style manifests', () => {
    const manifest = `# a comment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels: { app: api, tier: "web" }
spec:
  template:
    spec:
      containers:
        - name: api
          image: contoso.azurecr.io/api:1.0
          args: ["--port", '8080']
          env:
            - name: A
              value: "x"
            - name: B
          command:
            - sh
            - -c
            - |
              echo hi
              exit 0
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data:
  k: >-
    folded
    text
  empty:
`;
    assertSame(manifest, false);
  });

  it('declines what the yaml path must judge: errors, duplicate keys, aliases, merge keys', () => {
    assert.equal(parseYamlFast('a: [1\n'), undefined);
    assert.equal(parseYamlFast('a: 1\na: 2\n'), undefined);
    assert.equal(parseYamlFast('a: &x 1\nb: *x\n'), undefined);
    assert.equal(parseYamlFast('m:\n  <<: { x: 1 }\n  y: 2\n'), undefined);
  });

  it('keeps YAML 1.2 core scalars as the yaml path does', () => {
    assertSame('d: 2001-12-14\no: 0o17\nh: 0x1F\nyes: yes\nn: ~\nf: .inf\ne: 1e3\ns: "1"\nt: TRUE\n', false);
  });
});
