import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report } from '../../src/report/report.js';
import { runCli, tempTree } from '../support/cli.js';

describe('inputs that the yaml package warns about', () => {
  it('reports a collection mapping key as an input error (file and line), with no Node warning on stderr', async () => {
    const tree = tempTree({
      'odd.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: odd }\ndata:\n  ? [a, b]\n  : c\n',
      'svc.yaml':
        'apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: shop }\nspec: { type: LoadBalancer }\n',
    });
    const warnings: string[] = [];
    const listener = (warning: Error) => warnings.push(warning.message);
    process.on('warning', listener);
    try {
      const result = await runCli(['scan', '.', '--no-config', '-o', 'json', '--rule', 'WL-NET-'], {
        cwd: tree.dir,
      });
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(warnings, []);
      assert.equal(result.code, 2);
      const report = JSON.parse(result.stdout) as Report;
      assert.deepEqual(
        report.errors.map((error) => `${error.file}:${error.line} ${error.message}`),
        ['odd.yaml:5 invalid YAML: invalid map key: a mapping or sequence used as a key'],
      );
      assert.deepEqual(
        report.findings.map((finding) => finding.resource.name),
        ['web'],
      );
    } finally {
      process.off('warning', listener);
      tree.cleanup();
    }
  });
});
