import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { OUTPUT_FORMATS } from '../../src/report/format.js';
import { runCli, tempTree } from '../support/cli.js';

/** Distinctive values planted where credentials hide; none may appear in any output. */
const PLANTED = {
  secretData: 'Zm9vYmFyLXNlY3JldC1kYXRhLTQ0Mg==', // base64 of a password
  secretDataDecoded: 'foobar-secret-data-442',
  stringData: 'PlantedStringData-7781',
  lastApplied: 'LastAppliedLeak-9931',
  configMapPassword: 'ConfigMapPass-5512',
  configMapConnection: 'ConnStrPass-3377',
  envPassword: 'EnvPlainPass-6620',
  envToken: 'ghp_PlantedGithubToken0123456789abcdefghij',
  argPassword: 'ArgvPass-1209',
  propertiesPassword: 'PropsPass-8842',
};

const MANIFESTS = `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"stringData":{"token":"${PLANTED.lastApplied}"}}'
data:
  password: ${PLANTED.secretData}
stringData:
  token: ${PLANTED.stringData}
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: shop }
data:
  DB_PASSWORD: ${PLANTED.configMapPassword}
  CONNECTION: "Server=db;Database=shop;User Id=sa;Password=${PLANTED.configMapConnection};"
  app.properties: |
    db.user=shop
    db.password=${PLANTED.propertiesPassword}
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
          args: ["--password", "${PLANTED.argPassword}"]
          env:
            - { name: ADMIN_PASSWORD, value: "${PLANTED.envPassword}" }
            - { name: GH, value: "${PLANTED.envToken}" }
`;

describe('secrets stay secret', () => {
  it('no output format contains a planted secret value, while the findings about them are reported', async () => {
    const tree = tempTree({ 'app.yaml': MANIFESTS });
    try {
      assert.ok(OUTPUT_FORMATS.includes('html'), 'the HTML report is among the formats checked');
      for (const format of OUTPUT_FORMATS) {
        const result = await runCli(
          ['scan', '.', '--no-config', '-o', format, '--output-file', `out.${format}`],
          {
            cwd: tree.dir,
          },
        );
        const output = readFileSync(join(tree.dir, `out.${format}`), 'utf8') + result.stdout + result.stderr;
        for (const [where, value] of Object.entries(PLANTED)) {
          assert.ok(!output.includes(value), `${format} output leaks the value planted in ${where}`);
        }
        for (const rule of ['WL-SEC-committedSecret', 'WL-SEC-secretInConfigMap', 'WL-SEC-plainSecretEnv'])
          assert.ok(output.includes(rule), `${format} output reports ${rule}`);
      }
      // The HTML views of the query commands draw from the same objects.
      for (const args of [
        ['netpol', 'list', '-f', '.', '-o', 'html', '--output-file', 'netpol.html'],
        ['rbac', 'paths', '--all', '-f', '.', '-o', 'html', '--output-file', 'rbac.html'],
      ]) {
        const result = await runCli(args, { cwd: tree.dir });
        const file = args[args.length - 1]!;
        const output = readFileSync(join(tree.dir, file), 'utf8') + result.stdout + result.stderr;
        for (const [where, value] of Object.entries(PLANTED))
          assert.ok(!output.includes(value), `${file} leaks the value planted in ${where}`);
      }
      const baseline = await runCli(
        ['scan', '.', '--no-config', '-o', 'json', '--write-baseline', 'b.json'],
        { cwd: tree.dir },
      );
      const written = readFileSync(join(tree.dir, 'b.json'), 'utf8') + baseline.stdout;
      for (const value of Object.values(PLANTED))
        assert.ok(!written.includes(value), 'baseline leaks a secret');
    } finally {
      tree.cleanup();
    }
  });
});
