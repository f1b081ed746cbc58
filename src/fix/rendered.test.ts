import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { contextAtRoot, goldenText, ROOT } from '../../test/support/renderGoldens.js';
import { objectsOfDocument } from '../load/k8s/objects.js';
import { parseYamlFile } from '../load/yaml.js';
import { documentsOfHelmOutput } from '../sources/render/helm.js';
import { documentsOfKustomizeOutput } from '../sources/render/kustomize.js';
import { renderedFix } from './rendered.js';

const containerPatch = (container: string, securityContext: Record<string, unknown>) => ({
  spec: { template: { spec: { containers: [{ name: container, securityContext }] } } },
});

describe('fixes of rendered objects go to the values or the overlay', () => {
  const chart = documentsOfHelmOutput(goldenText('shop-chart'), {
    folder: join(ROOT, 'test/fixtures/render/shop-chart'),
    chartName: 'shop',
    namespace: 'default',
    context: contextAtRoot(),
  }).documents.flatMap((document) => objectsOfDocument(document, 'default').objects);

  it('a field the template takes from a value: the values entry', () => {
    const deployment = chart.find((object) => object.kind === 'Deployment')!;
    assert.deepEqual(
      renderedFix(deployment, containerPatch('web', { privileged: false, runAsNonRoot: true })),
      {
        kind: 'helm-values',
        chart: 'test/fixtures/render/shop-chart',
        values: 'securityContext:\n  privileged: false\n  runAsNonRoot: true\n',
        templateEdits: [],
      },
    );
  });

  it('a field the template writes literally: the template line to edit', () => {
    const statefulSet = chart.find((object) => object.kind === 'StatefulSet')!;
    const fix = renderedFix(
      statefulSet,
      containerPatch('redis', { privileged: false, capabilities: { drop: ['ALL'] } }),
    );
    assert.deepEqual(fix, {
      kind: 'helm-values',
      chart: 'test/fixtures/render/shop-chart',
      values: '',
      templateEdits: [
        {
          location: {
            file: 'test/fixtures/render/shop-chart/charts/cache/templates/statefulset.yaml',
            line: 17,
            column: 13,
          },
          path: 'spec.template.spec.containers[0].securityContext.privileged',
          value: false,
        },
        {
          location: {
            file: 'test/fixtures/render/shop-chart/charts/cache/templates/statefulset.yaml',
            line: 16,
            column: 11,
          },
          path: 'spec.template.spec.containers[0].securityContext.capabilities.drop',
          value: ['ALL'],
        },
      ],
    });
  });

  it('an object built by kustomize: a patch naming the object as its base does', () => {
    const overlay = documentsOfKustomizeOutput(goldenText('app-overlays-prod'), {
      folder: join(ROOT, 'test/fixtures/render/app/overlays/prod'),
      context: contextAtRoot(),
    }).documents.flatMap((document) => objectsOfDocument(document, 'default').objects);
    const deployment = overlay.find((object) => object.kind === 'Deployment')!;
    const fix = renderedFix(deployment, containerPatch('api', { privileged: false }));
    assert.equal(fix?.kind, 'kustomize-patch');
    assert.equal(
      fix?.kind === 'kustomize-patch' ? fix.patch : '',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          securityContext:\n            privileged: false\n',
    );
  });

  it('a plain manifest has no rendered fix', () => {
    const [object] = parseYamlFile(
      'a.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: []}\n',
    ).documents.flatMap((document) => objectsOfDocument(document, 'default').objects);
    assert.equal(renderedFix(object!, { spec: {} }), undefined);
  });
});
