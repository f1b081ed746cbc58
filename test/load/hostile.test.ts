import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scan } from '../../src/scan.js';
import { tempTree } from '../support/tempTree.js';

/**
 * Issue 9 §2: every pattern applied to input text is linear. 1 MB values of the shapes that make backtracking
 * patterns quadratic go through every rule; the test timeout (not a timing assertion) catches a regression, which
 * took minutes before (9 s for 100 KB in the credentials-in-URL pattern alone).
 */
const MB = 1_000_000;
const SHAPES: Record<string, string> = {
  jwtStarts: 'eyJ-'.repeat(MB / 4),
  schemes: 'a://'.repeat(MB / 4),
  userinfo: `https://user:${'p'.repeat(MB)}`,
  keywords: 'password'.repeat(MB / 8),
  blankLines: ' \n'.repeat(MB / 2),
  assignments: 'x.password.y'.repeat(MB / 12),
  braces: '{{'.repeat(MB / 2),
};

function manifest(): string {
  const data = Object.entries(SHAPES)
    .map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`)
    .join('\n');
  const env = Object.entries(SHAPES)
    .filter(([key]) => ['jwtStarts', 'assignments'].includes(key))
    .map(
      ([key, value]) =>
        `            - name: ${key.toUpperCase()}_PASSWORD\n              value: ${JSON.stringify(value)}`,
    )
    .join('\n');
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: big
  namespace: app
data:
${data}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: big
  namespace: app
  labels:
    ${'k'.repeat(1000)}: ${'v'.repeat(63)}
spec:
  template:
    spec:
      containers:
        - name: c
          image: ${JSON.stringify(`contoso.azurecr.io/${'a/'.repeat(MB / 2)}app:1`)}
          args: [${JSON.stringify(`--password=${'p'.repeat(MB)}`)}]
          env:
${env}
`;
}

describe('hostile input: 1 MB values through every rule', () => {
  it('scans values of every backtracking shape in linear time, and still finds what is there', {
    timeout: 60_000,
  }, async () => {
    const tree = tempTree({ 'big.yaml': manifest() });
    try {
      const report = await scan({ paths: ['.'], cwd: tree.dir, config: false });
      assert.deepEqual(report.errors, []);
      assert.ok(report.findings.some((finding) => finding.ruleId === 'WL-SEC-plainSecretEnv'));
    } finally {
      tree.cleanup();
    }
  });
});
