// Rewrites the golden render outputs of test/fixtures/render-golden/ with the packaged helm and kubectl:
//   node --import tsx scripts/render-goldens.ts
// test/render/goldens.test.ts checks that they still equal what the binaries render.
import { writeFileSync } from 'node:fs';
import { testBinaries } from '../test/support/binaries.js';
import { GOLDEN_CASES, goldenFile, renderGolden } from '../test/support/renderGoldens.js';

const binaries = testBinaries();
if (typeof binaries === 'string') throw new Error(binaries);
for (const golden of GOLDEN_CASES) {
  writeFileSync(goldenFile(golden.name), await renderGolden(golden, binaries));
  console.log(`wrote ${goldenFile(golden.name)}`);
}
