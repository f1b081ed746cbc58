import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compareCodePoints } from '../../src/model/order.js';
import { runCli, tempTree } from '../support/cli.js';

const pod = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: shop }
spec:
  hostNetwork: true
  containers: [{ name: app, image: nginx, securityContext: { privileged: true }${extra} }]
`;

describe('the same inputs in any argument order give byte-identical output', () => {
  const tree = tempTree({
    'b.yaml': pod('b'),
    'a-b/x.yaml': pod('x'),
    'a/z.yaml': pod('z'),
    'a/y.yaml': `${pod('y')}---\n${pod('y2')}`,
    'rbac.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: everyone-admin }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: Group, name: system:authenticated, apiGroup: rbac.authorization.k8s.io }]
`,
  });
  const orders = [
    ['a', 'a-b', 'b.yaml', 'rbac.yaml'],
    ['rbac.yaml', 'b.yaml', 'a-b', 'a'],
    ['b.yaml', 'a', 'rbac.yaml', 'a-b', 'b.yaml'],
    ['a/z.yaml', 'a-b', 'a', 'rbac.yaml', 'b.yaml'],
  ];
  for (const format of ['json', 'sarif', 'table']) {
    it(`scan -o ${format}`, async () => {
      const outputs = new Set<string>();
      for (const order of orders) {
        const result = await runCli(['scan', ...order, '--no-config', '-o', format], { cwd: tree.dir });
        assert.equal(result.code, 1, result.stderr);
        outputs.add(result.stdout);
      }
      assert.equal(outputs.size, 1);
    });
  }
  it('cleans up', () => tree.cleanup());
});

describe('ordering never depends on the locale', () => {
  it('no source file calls localeCompare (its order changes with LANG)', () => {
    const root = fileURLToPath(new URL('../../src/', import.meta.url));
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (
          /\.ts$/.test(entry.name) &&
          /\blocaleCompare\b|\bIntl\.Collator\b/.test(readFileSync(path, 'utf8'))
        )
          offenders.push(path);
      }
    };
    walk(root);
    assert.deepEqual(offenders, []);
  });

  it('compares in code points, as Go does (astral characters after U+FFFF)', () => {
    const words = ['b', 'B', 'a', 'ä', 'z', '\uffff', '\u{1f600}', '\ue000', 'aa', ''];
    const sorted = [...words].sort(compareCodePoints);
    const byCodePoints = [...words].sort((x, y) => {
      const a = [...x].map((c) => c.codePointAt(0)!);
      const b = [...y].map((c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
      return a.length - b.length;
    });
    assert.deepEqual(sorted, byCodePoints);
    assert.deepEqual(sorted, ['', 'B', 'a', 'aa', 'b', 'z', 'ä', '\ue000', '\uffff', '\u{1f600}']);
  });
});
