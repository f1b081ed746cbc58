import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { contextAtRoot, goldenText, ROOT } from '../../../test/support/renderGoldens.js';
import { objectsOfDocument } from '../../load/k8s/objects.js';
import { documentsOfHelmOutput, renderHelmChart, splitHelmOutput, templatePathOf } from './helm.js';
import { defaultRenderSettings } from './types.js';

const folder = join(ROOT, 'test/fixtures/render/shop-chart');

describe('helm output: split on # Source and mapped to templates', () => {
  it('splits on the --- / # Source: headers, in output order', () => {
    const manifests = splitHelmOutput(goldenText('shop-chart'));
    assert.deepEqual(
      manifests.map((manifest) => manifest.source),
      [
        'shop/crds/carts.yaml',
        'shop/templates/configmap.yaml',
        'shop/templates/configmap.yaml',
        'shop/templates/service.yaml',
        'shop/templates/deployment.yaml',
        'shop/charts/cache/templates/statefulset.yaml',
      ],
    );
    assert.equal(manifests[1]!.line, 20);
    assert.match(manifests[1]!.text, /^apiVersion: v1\nkind: ServiceAccount\n/);
  });

  it('names the template without the chart name (the Chart.yaml name, not the folder)', () => {
    assert.equal(
      templatePathOf('shop/charts/cache/templates/a.yaml', 'shop'),
      'charts/cache/templates/a.yaml',
    );
    assert.equal(templatePathOf('other/templates/a.yaml', 'shop'), 'other/templates/a.yaml');
  });

  it('locates every rendered object in its template file, with the chart and template as origin', () => {
    const { documents, issues } = documentsOfHelmOutput(goldenText('shop-chart'), {
      folder,
      chartName: 'shop',
      namespace: 'default',
      context: contextAtRoot(),
    });
    assert.deepEqual(issues, []);
    const rows = documents.flatMap((document) =>
      objectsOfDocument(document, document.defaultNamespace ?? 'x').objects.map((object) => [
        `${object.kind}/${object.namespace ?? ''}/${object.metadata.name}`,
        `${object.location.file}:${object.location.line}`,
        object.document.origin?.template,
      ]),
    );
    assert.deepEqual(rows, [
      [
        'CustomResourceDefinition//carts.shop.example.com',
        'test/fixtures/render/shop-chart/crds/carts.yaml:2',
        'crds/carts.yaml',
      ],
      [
        'ServiceAccount/default/release-name-shop',
        'test/fixtures/render/shop-chart/templates/configmap.yaml:11',
        'templates/configmap.yaml',
      ],
      [
        'ConfigMap/default/release-name-shop-settings',
        'test/fixtures/render/shop-chart/templates/configmap.yaml:3',
        'templates/configmap.yaml',
      ],
      [
        'Service/default/release-name-shop',
        'test/fixtures/render/shop-chart/templates/service.yaml:2',
        'templates/service.yaml',
      ],
      [
        'Deployment/default/release-name-shop',
        'test/fixtures/render/shop-chart/templates/deployment.yaml:2',
        'templates/deployment.yaml',
      ],
      [
        'StatefulSet/default/release-name-cache',
        'test/fixtures/render/shop-chart/charts/cache/templates/statefulset.yaml:2',
        'charts/cache/templates/statefulset.yaml',
      ],
    ]);
    const service = documents[3]!;
    assert.deepEqual(service.locate(['spec', 'type']), {
      file: 'test/fixtures/render/shop-chart/templates/service.yaml',
      line: 8,
      column: 3,
    });
    assert.deepEqual(service.origin, {
      chart: 'test/fixtures/render/shop-chart',
      template: 'templates/service.yaml',
    });
  });

  it('a `# Source:` line a template prints that points outside the chart is never read', () => {
    const output =
      '---\n# Source: shop/../../../../../../etc/passwd\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n';
    const { documents } = documentsOfHelmOutput(output, {
      folder,
      chartName: 'shop',
      namespace: 'default',
      context: contextAtRoot(),
    });
    assert.deepEqual(documents[0]?.locate(['metadata', 'name']), {
      file: 'test/fixtures/render/shop-chart/../../../../../../etc/passwd',
      line: 1,
      column: 1,
    });
  });

  it('no helm: the chart is listed as not rendered, significant, and nothing is read from it', async () => {
    const result = await renderHelmChart(folder, {
      helm: { missing: 'helm not found' },
      settings: defaultRenderSettings(),
      context: contextAtRoot(),
    });
    assert.deepEqual(result.documents, []);
    assert.deepEqual(result.coverage.skipped, [
      {
        path: 'test/fixtures/render/shop-chart',
        category: 'not-rendered',
        reason: 'Helm chart not rendered: helm not found (install Helm 3 or 4, or give --helm-bin)',
        significant: true,
        cause: 'helm not found',
      },
    ]);
  });

  it('a dependency missing from charts/ is not fetched without --allow-network', async () => {
    const { tempTree } = await import('../../../test/support/tempTree.js');
    const tree = tempTree({
      'Chart.yaml':
        'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 19.0.0\n    repository: https://charts.example.com\n',
      'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n',
    });
    try {
      const result = await renderHelmChart(tree.dir, {
        helm: { renderer: { path: '/nonexistent/helm', version: 'v4.1.4' } },
        settings: defaultRenderSettings(),
        context: { cwd: tree.dir, env: {}, display: (path) => path.slice(tree.dir.length + 1) || '.' },
      });
      assert.equal(result.coverage.skipped.length, 1);
      assert.match(
        result.coverage.skipped[0]!.reason,
        /dependencies redis are not in charts\/ .*--allow-network --dependency-update/,
      );
    } finally {
      tree.cleanup();
    }
  });
});
