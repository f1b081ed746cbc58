import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadInventory } from '../../src/load/index.js';
import { REDACTED } from '../../src/load/k8s/redact.js';
import { locateIn } from '../../src/model/k8s.js';
import { tempTree } from '../support/tempTree.js';

async function load(
  files: Record<string, string | Buffer>,
  extra: Partial<Parameters<typeof loadInventory>[0]> = {},
) {
  const tree = tempTree(files);
  try {
    return await loadInventory({ paths: ['.'], cwd: tree.dir, ...extra });
  } finally {
    tree.cleanup();
  }
}

describe('loader: documents, positions and lists', () => {
  it('reads multi-document YAML and remembers where every field is', async () => {
    const inventory = await load({
      'app.yaml': `# comment
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: LoadBalancer
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: api
          image: nginx
`,
    });
    assert.deepEqual(
      inventory.objects.map(
        (object) => `${object.kind} ${object.namespace}/${object.metadata.name}@${object.location.line}`,
      ),
      ['Service default/web@2', 'Deployment shop/api@9'],
    );
    const [service, deployment] = inventory.objects;
    assert.equal(locateIn(service!, ['spec', 'type']).line, 7);
    assert.equal(locateIn(service!, ['spec', 'type']).column, 3);
    assert.equal(locateIn(deployment!, ['spec', 'template', 'spec', 'containers', 0, 'image']).line, 17);
    // A path that does not exist points at its deepest existing part.
    assert.equal(locateIn(deployment!, ['spec', 'template', 'spec', 'securityContext']).line, 14);
    assert.equal(service!.location.file, 'app.yaml');
  });

  it('expands merge keys as kubectl does', async () => {
    const inventory = await load({
      'm.yaml': `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers:
    - &base
      name: a
      image: x.azurecr.io/a:1
      securityContext: { privileged: true }
    - <<: *base
      name: b
`,
    });
    const containers = inventory.podTemplates[0]!.containers;
    assert.deepEqual(
      containers.map((ref) => [
        ref.name,
        ref.container.image,
        (ref.container.securityContext as { privileged?: boolean }).privileged,
      ]),
      [
        ['a', 'x.azurecr.io/a:1', true],
        ['b', 'x.azurecr.io/a:1', true],
      ],
    );
  });

  it('reads JSON (also with tab indentation) with positions', async () => {
    const inventory = await load({
      'pod.json':
        '{\n\t"apiVersion": "v1",\n\t"kind": "Pod",\n\t"metadata": {"name": "p"},\n\t"spec": {\n\t\t"containers": [{"name": "c", "image": "x"}]\n\t}\n}\n',
    });
    assert.equal(inventory.objects.length, 1);
    assert.equal(locateIn(inventory.objects[0]!, ['spec', 'containers']).line, 6);
  });

  it('expands kind: List and kubectl *List output, typing items from the list kind', async () => {
    const inventory = await load({
      'list.yaml': `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: { name: a }
  - { not: an object }
`,
      'pods.json': JSON.stringify({
        apiVersion: 'v1',
        kind: 'PodList',
        items: [{ metadata: { name: 'p1', namespace: 'x' }, spec: { containers: [] } }],
      }),
    });
    assert.deepEqual(
      inventory.objects.map((object) => `${object.apiVersion} ${object.kind} ${object.metadata.name}`).sort(),
      ['v1 ConfigMap a', 'v1 Pod p1'],
    );
    const error = inventory.issues.find((issue) => issue.level === 'error');
    assert.match(error?.message ?? '', /item 1 of the List has no apiVersion and kind/);
    assert.equal(error?.line, 7);
  });

  it('builds namespaces, synthesising referenced ones with the metadata.name label', async () => {
    const inventory = await load({
      'a.yaml': `apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { team: a } }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: c, namespace: other }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: b }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
subjects: [{ kind: ServiceAccount, name: s, namespace: ci }]
`,
    });
    assert.deepEqual(inventory.namespaces.get('shop')?.labels, {
      team: 'a',
      'kubernetes.io/metadata.name': 'shop',
    });
    assert.deepEqual(inventory.namespaces.get('other')?.labels, { 'kubernetes.io/metadata.name': 'other' });
    assert.ok(inventory.namespaces.has('ci'));
    assert.equal(inventory.namespaces.get('other')?.object, undefined);
    assert.equal(
      inventory.objects.find((object) => object.kind === 'ClusterRoleBinding')?.namespace,
      undefined,
    );
  });

  it('finds the pod template of every workload kind', async () => {
    const spec = '{ containers: [{ name: c, image: x }], initContainers: [{ name: i, image: y }] }';
    const inventory = await load({
      'w.yaml': [
        `apiVersion: v1\nkind: Pod\nmetadata: { name: pod }\nspec: ${spec}`,
        ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].map(
          (kind) =>
            `apiVersion: apps/v1\nkind: ${kind}\nmetadata: { name: ${kind.toLowerCase()} }\nspec:\n  template:\n    spec: ${spec}`,
        ),
        `apiVersion: v1\nkind: ReplicationController\nmetadata: { name: rc }\nspec:\n  template:\n    spec: ${spec}`,
        `apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: cron }\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec: ${spec}`,
      ].join('\n---\n'),
    });
    assert.equal(inventory.podTemplates.length, 8);
    const cron = inventory.podTemplates.find((template) => template.owner.kind === 'CronJob')!;
    assert.deepEqual(cron.specPath, ['spec', 'jobTemplate', 'spec', 'template', 'spec']);
    assert.deepEqual(
      cron.containers.map((container) => `${container.kind}:${container.name}`),
      ['initContainers:i', 'containers:c'],
    );
    assert.deepEqual(cron.containers[1]!.path, [
      'spec',
      'jobTemplate',
      'spec',
      'template',
      'spec',
      'containers',
      0,
    ]);
  });

  it('redacts Secret values at load, including the last-applied annotation', async () => {
    const inventory = await load({
      's.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: s
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"data":{"password":"aHVudGVyMg=="}}'
data: { password: aHVudGVyMg== }
stringData: { token: plain-token-value }
`,
    });
    const secret = inventory.objects[0]!;
    assert.deepEqual(secret.raw.data, { password: REDACTED });
    assert.deepEqual(secret.raw.stringData, { token: REDACTED });
    assert.ok(!JSON.stringify(secret.raw).includes('aHVudGVyMg=='));
    assert.ok(!JSON.stringify(secret.raw).includes('plain-token-value'));
  });
});

describe('loader: bad input is reported, and the rest still loads', () => {
  it('names file, line and column of invalid YAML and keeps the other documents and files', async () => {
    const inventory = await load({
      'bad.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ok }\n---\nkind: [unclosed\nname: x\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: after }\n',
      'good.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: other-file }\n',
    });
    assert.deepEqual(inventory.objects.map((object) => object.metadata.name).sort(), [
      'after',
      'ok',
      'other-file',
    ]);
    const [error] = inventory.issues.filter((issue) => issue.level === 'error');
    assert.equal(error?.file, 'bad.yaml');
    assert.equal(error?.line, 6);
    assert.match(error?.message ?? '', /^invalid YAML: /);
  });

  it('accepts tab-indented flow sequence items as kubectl does, and still refuses tab indentation in blocks', async () => {
    const inventory = await load({
      'flow.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - name: c\n      args:\n        [\n\t  "-jar",\n          "app.jar",\n        ]\n',
      'block.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: bad\n',
    });
    assert.deepEqual(inventory.podTemplates[0]?.containers[0]?.container.args, ['-jar', 'app.jar']);
    assert.deepEqual(
      inventory.issues.map((issue) => `${issue.level} ${issue.file}:${issue.line}`),
      ['error block.yaml:4', 'note flow.yaml:9'],
    );
  });

  it('keeps the last of duplicate keys, as kubectl apply does, and says so', async () => {
    const inventory = await load({
      'd.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\nkind: Secret\n',
    });
    assert.deepEqual(
      inventory.objects.map((object) => object.kind),
      ['Secret'],
    );
    assert.equal(inventory.issues[0]!.level, 'note');
    assert.match(
      inventory.issues[0]!.message,
      /duplicate key "kind" \(first at line 2\): kubectl apply keeps this last value/,
    );
    assert.equal(inventory.issues[0]!.line, 4);
  });

  it('skips non-Kubernetes YAML and Helm templates with a note, not an error', async () => {
    const inventory = await load({
      'docker-compose.yml': 'services:\n  web:\n    image: nginx\n',
      '.github/workflows/ci.yml': 'on: push\njobs: { test: { runs-on: ubuntu-latest } }\n',
      'chart/templates/deploy.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n{{ include "labels" . | indent 4 }}\n',
    });
    assert.deepEqual(inventory.issues.map((issue) => `${issue.level} ${issue.file}`).sort(), [
      'note .github/workflows/ci.yml',
      'note chart/templates/deploy.yaml',
      'note docker-compose.yml',
    ]);
    assert.match(
      inventory.issues.find((issue) => issue.file.includes('chart'))!.message,
      /Helm or Go template/,
    );
  });

  it('skips .git and node_modules, and honours --exclude globs', async () => {
    const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name} }\n`;
    const inventory = await load(
      {
        'a.yaml': configMap('a'),
        '.git/x.yaml': configMap('git'),
        'node_modules/pkg/x.yaml': configMap('module'),
        'charts/c.yaml': configMap('chart'),
        'deep/skip-me.yaml': configMap('skipped'),
        'notes.txt': 'not read',
      },
      { exclude: ['charts/**', '*skip*'] },
    );
    assert.deepEqual(
      inventory.objects.map((object) => object.metadata.name),
      ['a'],
    );
    assert.deepEqual(inventory.files, ['a.yaml']);
  });

  it('reads standard input for -', async () => {
    const inventory = await loadInventory({
      paths: ['-'],
      io: { readStdin: async () => 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: piped }\n' },
    });
    assert.equal(inventory.objects[0]?.metadata.name, 'piped');
    assert.equal(inventory.objects[0]?.location.file, '<stdin>');
  });

  it('reports a missing path and still reads the others', async () => {
    const tree = tempTree({ 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n' });
    try {
      const inventory = await loadInventory({ paths: ['missing.yaml', 'a.yaml'], cwd: tree.dir });
      assert.equal(inventory.objects.length, 1);
      assert.deepEqual(inventory.issues, [
        { level: 'error', file: 'missing.yaml', message: 'no such file or folder' },
      ]);
    } finally {
      tree.cleanup();
    }
  });
});

describe('loader: hostile input is bounded', () => {
  it('refuses a YAML alias bomb (billion laughs) quickly, with a clear error', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const previous = String.fromCharCode(97 + i - 1);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const started = Date.now();
    const inventory = await load({
      'bomb.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: bomb }\ndata:\n${levels.map((line) => `  ${line}`).join('\n')}\n`,
      'fine.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: fine }\n',
    });
    assert.ok(Date.now() - started < 5000, 'must not expand the aliases');
    assert.deepEqual(
      inventory.objects.map((object) => object.metadata.name),
      ['fine'],
    );
    assert.match(inventory.issues[0]!.message, /excessive aliasing \(a "billion laughs" expansion\)/);
    assert.equal(inventory.issues[0]!.file, 'bomb.yaml');
  });

  it('refuses files over the size limit without reading them', async () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: big }\ndata:\n  blob: "${'x'.repeat(300_000)}"\n`;
    const inventory = await load({ 'big.yaml': big }, { maxFileSize: 100_000 });
    assert.equal(inventory.objects.length, 0);
    assert.match(
      inventory.issues[0]!.message,
      /file is 293\.\d KiB, over the 97\.7 KiB limit \(raise it with --max-file-size\)/,
    );
  });

  it('refuses binary files', async () => {
    const inventory = await load({
      'image.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]),
      'latin1.yaml': Buffer.from([0x6b, 0x3a, 0x20, 0xe9, 0xff, 0x0a]),
    });
    assert.deepEqual(inventory.issues.map((issue) => `${issue.file}: ${issue.message}`).sort(), [
      'image.yaml: binary file (contains NUL bytes or is not UTF-8 text); skipped',
      'latin1.yaml: binary file (contains NUL bytes or is not UTF-8 text); skipped',
    ]);
  });

  it('detects symbolic-link loops and dangling links', async () => {
    const tree = tempTree({ 'app/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n' });
    try {
      symlinkSync(tree.dir, join(tree.dir, 'app', 'loop'));
      symlinkSync(join(tree.dir, 'app', 'self'), join(tree.dir, 'app', 'self'));
      symlinkSync(join(tree.dir, 'nowhere.yaml'), join(tree.dir, 'app', 'dangling.yaml'));
      const started = Date.now();
      const inventory = await loadInventory({ paths: ['.'], cwd: tree.dir });
      assert.ok(Date.now() - started < 5000);
      assert.deepEqual(
        inventory.objects.map((object) => object.metadata.name),
        ['a'],
      );
      const messages = inventory.issues.map((issue) => `${issue.file}: ${issue.message}`).sort();
      assert.deepEqual(messages, [
        'app/dangling.yaml: no such file or folder',
        'app/loop: symbolic link loop: this folder links back to one of its parents; not followed',
        'app/self: symbolic link loop: too many levels of symbolic links',
      ]);
    } finally {
      tree.cleanup();
    }
  });

  it('reports deeply nested documents instead of overflowing the stack', async () => {
    const inventory = await load({ 'deep.yaml': `${'['.repeat(50_000)}${']'.repeat(50_000)}\n` });
    assert.equal(inventory.objects.length, 0);
    assert.equal(inventory.issues[0]?.level, 'error');
  });
});
