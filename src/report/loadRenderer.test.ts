import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OUTPUT_FORMATS } from './format.js';
import { rendererOf } from './index.js';
import { loadRenderer } from './loadRenderer.js';

describe('loadRenderer', () => {
  for (const format of OUTPUT_FORMATS)
    it(`loads the renderer the library uses for ${format}`, async () => {
      assert.equal(await loadRenderer(format), rendererOf(format));
    });
});
