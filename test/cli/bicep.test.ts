import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Report } from '../../src/report/report.js';
import { runCli, tempTree } from '../support/cli.js';

const MODULE = [
  'param name string',
  'param private bool = false',
  "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {",
  '  name: name',
  '  properties: {',
  '    apiServerAccessProfile: {',
  '      enablePrivateCluster: private',
  '    }',
  '  }',
  '}',
  '',
].join('\n');

const MAIN = [
  "module cluster 'modules/aks.bicep' = {",
  "  name: 'aks'",
  '  params: {',
  "    name: 'aks-prod'",
  '  }',
  '}',
  "module json 'legacy/network.json' = {",
  "  name: 'net'",
  '}',
  '',
].join('\n');

describe('aksguard on Bicep files', () => {
  it('scan reads .bicep, follows a module outside the given paths, and lists what it could not follow', async () => {
    const tree = tempTree({ 'infra/main.bicep': MAIN, 'infra/modules/aks.bicep': MODULE });
    try {
      const result = await runCli(
        [
          'scan',
          'infra/main.bicep',
          '--no-config',
          '--rule',
          'AKS-NET-01',
          '-o',
          'json',
          '--fail-on',
          'none',
        ],
        { cwd: tree.dir },
      );
      const report = JSON.parse(result.stdout) as Report;
      assert.deepEqual(report.coverage.read, { bicep: 2 });
      assert.deepEqual(
        report.findings.map((finding) => [
          finding.ruleId,
          finding.resource.name,
          finding.location?.file,
          finding.location?.line,
        ]),
        [['AKS-NET-01', 'aks-prod', join('infra', 'modules', 'aks.bicep'), 7]],
      );
      assert.deepEqual(
        report.coverage.skipped.map((entry) => [entry.path, entry.category, entry.significant]),
        [[join('infra', 'legacy', 'network.json'), 'unsupported-format', true]],
      );
    } finally {
      tree.cleanup();
    }
  });

  it('a Bicep syntax error exits 2 naming the file and line; the rest is still judged', async () => {
    const tree = tempTree({
      'main.bicep':
        "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {\n  name: 'a'\n  properties: {\n    enableRBAC: = false\n    disableLocalAccounts: false\n  }\n}\n",
    });
    try {
      const result = await runCli(['scan', '.', '--no-config', '--rule', 'AKS-IAM-04', '-o', 'json'], {
        cwd: tree.dir,
      });
      assert.equal(result.code, 2);
      const report = JSON.parse(result.stdout) as Report;
      assert.deepEqual(
        report.errors.map((error) => [error.file, error.line, error.message]),
        [['main.bicep', 4, 'Bicep syntax not understood near "=": the statement is not read']],
      );
      assert.deepEqual(
        report.findings.map((finding) => [finding.ruleId, finding.location?.line]),
        [['AKS-IAM-04', 5]],
      );
    } finally {
      tree.cleanup();
    }
  });

  it('fix --cluster renders Bicep changes', async () => {
    const tree = tempTree({
      'main.bicep':
        "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {\n  name: 'aks1'\n  properties: {\n    disableLocalAccounts: false\n  }\n}\n",
    });
    try {
      const result = await runCli(['fix', '--cluster', 'main.bicep'], { cwd: tree.dir });
      assert.match(result.stdout, /\n## Bicep\n/);
      assert.match(
        result.stdout,
        /\nresource aks \(main\.bicep\): properties\.disableLocalAccounts: true {3}# AKS-IAM-04\n/,
      );
    } finally {
      tree.cleanup();
    }
  });
});
