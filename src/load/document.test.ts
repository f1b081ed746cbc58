import assert from 'node:assert/strict';
import { test } from 'node:test';
import { liveLocation } from '../model/source.js';
import { liveDocument } from './document.js';

test('liveDocument: every path locates to the live origin, the document keeps its value, index and origin', () => {
  const origin = { source: 'admission', api: 'kubernetes', path: '/api/v1/namespaces/a/pods/p' } as const;
  const value = { kind: 'Pod', spec: { containers: [{ name: 'c' }] } };
  const document = liveDocument(origin, value, 3);
  assert.equal(document.file, origin.path);
  assert.equal(document.index, 3);
  assert.equal(document.value, value);
  assert.equal(document.live, origin);
  assert.deepEqual(document.locate(['spec', 'containers', 0, 'name']), liveLocation(origin));
  assert.deepEqual(document.locate([]), liveLocation(origin));
  assert.equal(liveDocument(origin, value).index, 0);
});
