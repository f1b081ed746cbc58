import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPath, type PathSegment } from './source.js';

describe('formatPath', () => {
  const cases: [readonly PathSegment[], string][] = [
    [[], ''],
    [['spec'], 'spec'],
    [['spec', 'template', 'spec', 'containers', 0, 'image'], 'spec.template.spec.containers[0].image'],
    [[0, 'name'], '[0].name'],
    [
      ['metadata', 'annotations', 'service.beta.kubernetes.io/azure-load-balancer-internal'],
      'metadata.annotations["service.beta.kubernetes.io/azure-load-balancer-internal"]',
    ],
    [['kubernetes.io/ingress.class'], '["kubernetes.io/ingress.class"]'],
    [['data', ''], 'data[""]'],
    [['data', '__proto__', 'constructor'], 'data.__proto__.constructor'],
    [['x', 'a"b\\c\n'], 'x["a\\"b\\\\c\\n"]'],
    [['x', 'héllo'], 'x["héllo"]'],
    [['$ref', 'a-b', '_c', '9d'], '$ref.a-b._c["9d"]'],
    [['items', 12, 3], 'items[12][3]'],
  ];
  for (const [path, expected] of cases)
    it(`${JSON.stringify(path)} → ${expected}`, () => {
      // Twice: the second time from the cache of pieces.
      assert.equal(formatPath(path), expected);
      assert.equal(formatPath(path), expected);
    });

  it('stays right past the bound of its cache of pieces', () => {
    for (let index = 0; index < 5_000; index++)
      assert.equal(formatPath(['a', `k${index}`, `k-${index}.x`]), `a.k${index}["k-${index}.x"]`);
  });
});
