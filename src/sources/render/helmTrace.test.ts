import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { PathSegment } from '../../model/source.js';
import { keyPathOf, TemplateTrace } from './helmTrace.js';

const chart = join(import.meta.dirname, '../../../test/fixtures/render/shop-chart/templates');
const deployment = new TemplateTrace(readFileSync(join(chart, 'deployment.yaml'), 'utf8'));
const twoDocuments = new TemplateTrace(readFileSync(join(chart, 'configmap.yaml'), 'utf8'));

const container: PathSegment[] = ['spec', 'template', 'spec', 'containers', 0];

describe('TemplateTrace: a rendered field back to its template line', () => {
  const cases: {
    name: string;
    trace: TemplateTrace;
    kind: string;
    path: PathSegment[];
    line: number;
    exact: boolean;
    valuePath?: string;
  }[] = [
    {
      name: 'the object: its kind line',
      trace: deployment,
      kind: 'Deployment',
      path: [],
      line: 2,
      exact: true,
    },
    {
      name: 'a literal key',
      trace: deployment,
      kind: 'Deployment',
      path: ['spec', 'replicas'],
      line: 8,
      exact: true,
      valuePath: 'replicaCount',
    },
    {
      name: 'a container (sequence item)',
      trace: deployment,
      kind: 'Deployment',
      path: [...container, 'name'],
      line: 22,
      exact: true,
    },
    {
      name: 'a field filled by toYaml of a value: its block key, and the value path below it',
      trace: deployment,
      kind: 'Deployment',
      path: [...container, 'securityContext', 'privileged'],
      line: 24,
      exact: false,
      valuePath: 'securityContext.privileged',
    },
    {
      name: 'a block filled inside `with .Values.x` by toYaml .',
      trace: deployment,
      kind: 'Deployment',
      path: ['spec', 'template', 'spec', 'securityContext', 'runAsNonRoot'],
      line: 18,
      exact: false,
      valuePath: 'podSecurityContext.runAsNonRoot',
    },
    {
      name: 'a value written by required | quote',
      trace: deployment,
      kind: 'Deployment',
      path: [...container, 'env', 0, 'value'],
      line: 28,
      exact: true,
      valuePath: 'database.host',
    },
    {
      name: 'an image built from two values is not one value',
      trace: deployment,
      kind: 'Deployment',
      path: [...container, 'image'],
      line: 23,
      exact: true,
    },
    {
      name: 'labels from an include: the literal labels key',
      trace: deployment,
      kind: 'Deployment',
      path: ['metadata', 'labels', 'app.kubernetes.io/name'],
      line: 5,
      exact: false,
    },
    {
      name: 'second document of a template, picked by kind',
      trace: twoDocuments,
      kind: 'ServiceAccount',
      path: ['automountServiceAccountToken'],
      line: 14,
      exact: true,
    },
    {
      name: 'first document of the same template',
      trace: twoDocuments,
      kind: 'ConfigMap',
      path: ['data', 'greeting'],
      line: 7,
      exact: true,
      valuePath: 'greeting',
    },
  ];
  for (const testCase of cases)
    it(testCase.name, () => {
      const traced = testCase.trace.trace(testCase.path, testCase.kind);
      assert.equal(traced.line, testCase.line);
      assert.equal(traced.exact, testCase.exact);
      assert.equal(traced.valuePath, testCase.valuePath);
    });

  it('picks the sequence item by its position among literal items', () => {
    const trace = new TemplateTrace(
      ['spec:', '  containers:', '  - name: a', '    image: x', '  - name: b', '    image: y', ''].join('\n'),
    );
    assert.equal(trace.trace(['spec', 'containers', 1, 'image'], 'Pod').line, 6);
    assert.equal(trace.trace(['spec', 'containers', 0, 'image'], 'Pod').line, 4);
  });

  it('a template with no literal key traces to its first line', () => {
    const trace = new TemplateTrace('{{ include "all.manifests" . }}\n');
    assert.deepEqual(trace.trace(['spec', 'replicas'], 'Deployment'), { line: 1, column: 1, exact: false });
  });

  it('key paths drop sequence indexes', () => {
    assert.equal(keyPathOf(['spec', 'containers', 3, 'ports', 0, 'name']), 'spec.containers[].ports[].name');
  });
});
