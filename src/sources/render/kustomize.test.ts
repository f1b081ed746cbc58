import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { contextAtRoot, goldenText, ROOT } from '../../../test/support/renderGoldens.js';
import { tempTree } from '../../../test/support/tempTree.js';
import { objectsOfDocument } from '../../load/k8s/objects.js';
import {
  documentsOfKustomizeOutput,
  kustomizationRefs,
  kustomizeError,
  looksRemote,
  originsRelativeTo,
  renderKustomization,
} from './kustomize.js';
import { defaultRenderSettings } from './types.js';

const app = join(ROOT, 'test/fixtures/render/app');
const prod = join(app, 'overlays/prod');
const shown = (path: string) => path.slice(ROOT.length + 1);

describe('kustomize: references, remote bases, origins', () => {
  it('reads the folders and files a kustomization uses', () => {
    const refs = kustomizationRefs(prod)!;
    assert.equal(refs.kind, 'Kustomization');
    assert.deepEqual(refs.folders.map(shown), [
      'test/fixtures/render/app/base',
      'test/fixtures/render/app/components/deny-all',
    ]);
    assert.deepEqual(refs.files.map(shown), [
      'test/fixtures/render/app/overlays/prod/kustomization.yaml',
      'test/fixtures/render/app/overlays/prod/ingress-lb.yaml',
      'test/fixtures/render/app/overlays/prod/privileged-patch.yaml',
      'test/fixtures/render/app/overlays/prod/hostnetwork-patch.json',
    ]);
    assert.deepEqual(refs.remote, []);
    assert.equal(kustomizationRefs(join(app, 'components/deny-all'))?.kind, 'Component');
  });

  const remoteCases: [string, boolean][] = [
    ['https://github.com/org/repo//deploy?ref=v1', true],
    ['github.com/org/repo/deploy?ref=main', true],
    ['git@github.com:org/repo.git', true],
    ['git::https://example.com/repo', true],
    ['../../base', false],
    ['deployment.yaml', false],
    ['base/v1.2', false],
  ];
  for (const [entry, remote] of remoteCases)
    it(`${entry} is ${remote ? '' : 'not '}remote`, () => assert.equal(looksRemote(entry), remote));

  it('refuses an overlay with a remote base unless --allow-network (nothing is run)', async () => {
    const tree = tempTree({
      'overlay/kustomization.yaml': 'resources:\n  - ../base\n',
      'base/kustomization.yaml': 'resources:\n  - https://github.com/org/repo//deploy?ref=v1\n',
    });
    try {
      const result = await renderKustomization(join(tree.dir, 'overlay'), {
        kustomize: { renderer: { path: '/nonexistent/kustomize', version: 'v5.6.0', mode: 'kustomize' } },
        settings: defaultRenderSettings(),
        context: { cwd: tree.dir, env: {}, display: (path) => path.slice(tree.dir.length + 1) },
      });
      assert.deepEqual(result.coverage.skipped, [
        {
          path: 'overlay',
          category: 'remote-source',
          reason:
            'Kustomize overlay not rendered: remote bases are not fetched without --allow-network: https://github.com/org/repo//deploy?ref=v1 (in base/kustomization.yaml)',
          significant: true,
        },
      ]);
    } finally {
      tree.cleanup();
    }
  });

  it('kustomize errors lose the envelope of the temporary wrapper; absolute paths are shown as reported', () => {
    const reason =
      "error: accumulating resources: accumulation err='accumulating resources from '../../work/app/prod': '/work/app/prod' must resolve to a file': recursed accumulation of path '/work/app/prod': loading KV pairs: env source files: [.env]: evalsymlink failure on '/work/app/prod/.env' : lstat /work/app/prod/.env: no such file or directory";
    assert.equal(
      kustomizeError(reason, (path) => path.replace('/work/', '')),
      "loading KV pairs: env source files: [.env]: evalsymlink failure on 'app/prod/.env' : lstat app/prod/.env: no such file or directory",
    );
  });

  it('rewrites origin paths from the wrapper to the overlay, remote origins untouched', () => {
    const output = [
      'metadata:',
      '  annotations:',
      '    config.kubernetes.io/origin: |',
      '      path: ../work/app/base/deployment.yaml',
      '  name: a',
      '---',
      'metadata:',
      '  annotations:',
      '    config.kubernetes.io/origin: |',
      '      path: deploy/svc.yaml',
      '      repo: https://github.com/org/repo',
      '',
    ].join('\n');
    const rewritten = originsRelativeTo(output, '/tmp/wrapper', '/tmp/work/app/overlays/prod');
    assert.match(rewritten, /^ {6}path: \.\.\/\.\.\/base\/deployment\.yaml$/m);
    assert.match(rewritten, /^ {6}path: deploy\/svc\.yaml$/m);
  });

  it('locates each built object in its origin file, and patched fields in the patch', () => {
    const { documents, issues } = documentsOfKustomizeOutput(goldenText('app-overlays-prod'), {
      folder: prod,
      context: contextAtRoot(),
    });
    assert.deepEqual(issues, []);
    const rows = documents.flatMap((document) =>
      objectsOfDocument(document, 'default').objects.map((object) => [
        `${object.kind}/${object.namespace}/${object.metadata.name}`,
        `${object.location.file}:${object.location.line}`,
      ]),
    );
    assert.deepEqual(rows, [
      [
        'ConfigMap/shop-prod/prod-api-settings-hf678c7m2b',
        'test/fixtures/render/app/base/kustomization.yaml:7',
      ],
      [
        'Secret/shop-prod/prod-api-credentials-c8fm94t7t2',
        'test/fixtures/render/app/overlays/prod/kustomization.yaml:20',
      ],
      ['Service/shop-prod/prod-api', 'test/fixtures/render/app/base/service.yaml:1'],
      ['Service/shop-prod/prod-api-public', 'test/fixtures/render/app/overlays/prod/ingress-lb.yaml:1'],
      ['Deployment/shop-prod/prod-api', 'test/fixtures/render/app/base/deployment.yaml:1'],
      [
        'NetworkPolicy/shop-prod/prod-default-deny',
        'test/fixtures/render/app/components/deny-all/networkpolicy.yaml:1',
      ],
    ]);
    // The origin annotation is gone from what is scanned.
    assert.equal(
      JSON.stringify(documents.map((document) => document.value)).includes('config.kubernetes.io'),
      false,
    );
    const deployment = documents[4]!;
    const container = ['spec', 'template', 'spec', 'containers', 0];
    const at = (path: (string | number)[]) => {
      const location = deployment.locate(path);
      return `${location.file}:${location.line}`;
    };
    assert.equal(
      at([...container, 'securityContext', 'runAsNonRoot']),
      'test/fixtures/render/app/base/deployment.yaml:20',
    );
    assert.equal(
      at([...container, 'securityContext', 'privileged']),
      'test/fixtures/render/app/overlays/prod/privileged-patch.yaml:11',
    );
    assert.equal(
      at(['spec', 'template', 'spec', 'hostNetwork']),
      'test/fixtures/render/app/overlays/prod/hostnetwork-patch.json:1',
    );
    assert.deepEqual(deployment.origin, { overlay: 'test/fixtures/render/app/overlays/prod' });
  });
});
