import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Report } from '../src/report/report.js';
import { runCli } from './support/cli.js';

// The shared corpora sit beside the project on developer machines and in CI, not in a published package.
const CORPORA = fileURLToPath(new URL('../../shared/corpora/', import.meta.url));
const present = existsSync(CORPORA);

describe('scanning the shared corpora', { skip: !present && 'needs ../shared/corpora' }, () => {
  it('reports the committed Secrets and public load balancers of the apps at their file and line', async () => {
    const result = await runCli([
      'scan',
      `${CORPORA}apps`,
      '--no-config',
      '--family',
      'workload',
      '-o',
      'json',
    ]);
    const report = JSON.parse(result.stdout) as Report;
    const where = (ruleId: string) =>
      report.findings
        .filter((finding) => finding.ruleId === ruleId)
        .map(
          (finding) =>
            `${finding.location?.file.split('/corpora/apps/')[1]}:${finding.location?.line} ${finding.resource.name}`,
        )
        .sort();
    // Objects declared in several files with the same content (the all-in-one file and the quickstarts) are
    // scanned once; the Kustomize overlays are listed as not rendered (no kubectl or kustomize on this PATH).
    assert.deepEqual(where('WL-SEC-committedSecret'), [
      // At the credential's key: the password, not the user name. The quickstarts' identical Secrets are kept once.
      'aks-store-demo/aks-store-all-in-one.yaml:162 order-service-secrets',
      'aks-store-demo/aks-store-all-in-one.yaml:74 rabbitmq-secrets',
    ]);
    assert.deepEqual(where('WL-NET-publicLoadBalancer'), [
      'aks-store-demo/aks-store-all-in-one.yaml:445 store-front',
      'aks-store-demo/aks-store-all-in-one.yaml:508 store-admin',
      'azure-voting-app-redis/azure-vote-all-in-one-redis.yaml:77 azure-vote-front',
      'microservices-demo/kubernetes-manifests.yaml:136 frontend-external',
    ]);
    const secret = report.findings.find((finding) => finding.resource.name === 'rabbitmq-secrets');
    assert.deepEqual(
      secret?.duplicates?.map((at) => `${at.file.split('/corpora/apps/')[1]}:${at.line}`),
      ['aks-store-demo/aks-store-ingress-quickstart.yaml:1'],
    );
    assert.equal(
      report.coverage.skipped.filter((entry) => entry.category === 'not-rendered' && entry.significant)
        .length,
      8,
    );
  });

  it('scans every file without crashing, naming file and line for each input error', async () => {
    const result = await runCli(['scan', CORPORA, '--no-config', '-o', 'json']);
    assert.notEqual(result.code, 3, result.stderr);
    const report = JSON.parse(result.stdout) as Report;
    assert.ok(report.inputs.files > 5000, `read ${report.inputs.files} files`);
    assert.ok(report.inputs.clusters > 20, `found ${report.inputs.clusters} clusters`);
    for (const error of report.errors) {
      assert.notEqual(error.file, '<internal>', error.message);
      assert.ok(
        error.line !== undefined || /binary|no such|permission|limit/.test(error.message),
        JSON.stringify(error),
      );
    }
    for (const note of report.notes) assert.ok(note.message.length > 0);
  });
});
