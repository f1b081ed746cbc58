import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../../../test/support/renderGoldens.js';
import { readInputs } from '../../load/files.js';

describe('the walk: charts and overlays rendered, their files never read raw', () => {
  it('renders the chart and the overlay (not its base or component); reads only the loose files', async () => {
    const read = await readInputs({ paths: ['test/fixtures/render'], cwd: ROOT });
    assert.deepEqual(
      read.renderTargets.map((target) => [target.kind, target.folder.slice(ROOT.length + 1)]),
      [
        ['kustomize', 'test/fixtures/render/app/overlays/prod'],
        ['helm', 'test/fixtures/render/shop-chart'],
      ],
    );
    assert.deepEqual(
      read.files.map((file) => file.file),
      ['test/fixtures/render/loose/lb-copy.yaml', 'test/fixtures/render/loose/namespace.yaml'],
    );
    assert.deepEqual(read.skipped, []);
  });

  it('a chart or kustomization file named on the command line stands for its folder', async () => {
    const read = await readInputs({
      paths: [
        'test/fixtures/render/shop-chart/Chart.yaml',
        'test/fixtures/render/app/base/kustomization.yaml',
      ],
      cwd: ROOT,
    });
    assert.deepEqual(
      read.renderTargets.map((target) => target.folder),
      [join(ROOT, 'test/fixtures/render/shop-chart'), join(ROOT, 'test/fixtures/render/app/base')],
    );
    assert.deepEqual(read.files, []);
  });

  it('a Component no overlay of the scan lists is not built alone (a non-significant coverage entry)', async () => {
    const read = await readInputs({ paths: ['test/fixtures/render/app/components'], cwd: ROOT });
    assert.deepEqual(read.renderTargets, []);
    assert.deepEqual(read.files, []);
    assert.equal(read.skipped[0]?.category, 'not-rendered');
    assert.equal(read.skipped[0]?.significant, false);
  });
});
