import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../../../test/support/renderGoldens.js';
import { parseYamlFile } from '../../load/yaml.js';
import { argoImage, gitopsRequests } from './gitops.js';

const fixture = join(ROOT, 'test/fixtures/gitops');

function requestsOf(file: string) {
  const documents = parseYamlFile(
    `test/fixtures/gitops/${file}`,
    readFileSync(join(fixture, file), 'utf8'),
  ).documents;
  return gitopsRequests(documents, {
    cwd: ROOT,
    roots: ['test/fixtures/gitops'],
    display: (path) => path.slice(ROOT.length + 1),
  });
}

describe('GitOps objects: local sources rendered, remote ones listed', () => {
  it('a Flux HelmRelease of a GitRepository chart: its values, [targetNamespace-]name release, target namespace', () => {
    const result = requestsOf('clusters/prod/shop-helmrelease.yaml');
    assert.equal(result.requests.length, 1);
    const request = result.requests[0]!;
    assert.deepEqual(request.target, { kind: 'helm', folder: join(fixture, 'charts/shop') });
    assert.deepEqual(request.helm, {
      releaseName: 'shop-shop',
      namespace: 'shop',
      inlineValues: [
        {
          service: { type: 'ClusterIP' },
          securityContext: { privileged: false, allowPrivilegeEscalation: false },
        },
      ],
    });
    assert.deepEqual(request.via, {
      kind: 'HelmRelease',
      name: 'flux-system/shop',
      file: 'test/fixtures/gitops/clusters/prod/shop-helmrelease.yaml',
      line: 1,
    });
  });

  it('a Flux Kustomization: its path built with targetNamespace', () => {
    const result = requestsOf('clusters/prod/orders-kustomization.yaml');
    assert.deepEqual(result.requests[0]?.target, { kind: 'kustomize', folder: join(fixture, 'apps/orders') });
    assert.deepEqual(result.requests[0]?.kustomize, { extras: { namespace: 'orders' } });
  });

  it('an Argo CD Application of a Helm repository chart: a remote-source coverage entry', () => {
    const result = requestsOf('clusters/prod/podinfo-argo.yaml');
    assert.deepEqual(result.requests, []);
    assert.deepEqual(result.skipped, [
      {
        path: 'test/fixtures/gitops/clusters/prod/podinfo-argo.yaml',
        line: 1,
        category: 'remote-source',
        reason:
          'Application argocd/podinfo: chart podinfo from https://stefanprodan.github.io/podinfo is not in the scanned folders; not rendered',
        significant: true,
      },
    ]);
  });

  it('an Argo CD Application of a local chart: release name, destination namespace, values, parameters', () => {
    const text = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: shop, namespace: argocd}
spec:
  destination: {namespace: web}
  source:
    repoURL: https://github.com/example/platform
    path: charts/shop
    helm:
      valueFiles: [values.yaml, $values/prod.yaml]
      values: |
        replicaCount: 3
      valuesObject: {service: {type: ClusterIP}}
      parameters:
        - {name: image.tag, value: "9.9.9"}
`;
    const documents = parseYamlFile('test/fixtures/gitops/app.yaml', text).documents;
    const result = gitopsRequests(documents, {
      cwd: ROOT,
      roots: ['test/fixtures/gitops'],
      display: (path) => path,
    });
    assert.deepEqual(result.requests[0]?.helm, {
      releaseName: 'shop',
      namespace: 'web',
      valueFiles: [join(fixture, 'charts/shop/values.yaml')],
      inlineValues: [{ replicaCount: 3 }, { service: { type: 'ClusterIP' } }],
      set: ['image.tag=9.9.9'],
    });
    assert.match(result.issues[0]!.message, /value files from other sources or URLs are not applied/);
  });

  const images: [string, Record<string, string>][] = [
    ['nginx:1.27', { name: 'nginx', newTag: '1.27' }],
    [
      'nginx=myacr.azurecr.io/nginx:1.27',
      { name: 'nginx', newName: 'myacr.azurecr.io/nginx', newTag: '1.27' },
    ],
    ['nginx@sha256:abc', { name: 'nginx', digest: 'sha256:abc' }],
    ['registry:5000/team/app', { name: 'registry:5000/team/app' }],
  ];
  for (const [entry, expected] of images)
    it(`Argo CD image override ${entry}`, () => assert.deepEqual({ ...argoImage(entry) }, expected));
});
