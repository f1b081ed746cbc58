import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { evaluatePod } from '../../../src/engines/pss/index.js';
import { loadInventory } from '../../../src/load/index.js';
import type { PodTemplate } from '../../../src/model/k8s.js';
import { loadFixtures } from './fixtures.js';

const { fixtures, pods } = loadFixtures();

/** Wraps a fixture pod the way upstream `test/run.go` builds controllers: the pod's metadata and spec as the template. */
function wrap(pod: Record<string, unknown>, index: number): string {
  const { name: _name, ...podMetadata } = (pod.metadata ?? {}) as Record<string, unknown>;
  const template = { metadata: { ...podMetadata, labels: { fixture: String(index) } }, spec: pod.spec };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `fixture-${index}` },
    spec: { selector: { matchLabels: { fixture: String(index) } }, template },
  };
  const cronJob = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: `fixture-${index}` },
    spec: { schedule: '@daily', jobTemplate: { spec: { template } } },
  };
  return `${stringify(deployment)}---\n${stringify(cronJob)}`;
}

describe('PSS conformance through workload pod templates', () => {
  const templates = new Map<string, PodTemplate>();
  let directory = '';

  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'aksguard-pss-'));
    writeFileSync(join(directory, 'wrapped.yaml'), pods.map(wrap).join('---\n'));
    const inventory = await loadInventory({ paths: ['.'], cwd: directory });
    assert.deepEqual(
      inventory.issues.filter((i) => i.level === 'error'),
      [],
    );
    for (const template of inventory.podTemplates) {
      templates.set(`${template.owner.kind}/${template.owner.metadata.name}`, template);
    }
  });

  after(() => rmSync(directory, { recursive: true, force: true }));

  for (const kind of ['Deployment', 'CronJob']) {
    it(`${kind} templates give every fixture the verdict and checks of the bare pod`, () => {
      const wrong: string[] = [];
      for (const f of fixtures) {
        const template = templates.get(`${kind}/fixture-${f.content}`);
        assert.ok(template, `${kind} for fixture content ${f.content}`);
        const policy = { level: f.level, version: f.minor };
        const bare = evaluatePod(pods[f.content]!, policy);
        const wrapped = evaluatePod({ metadata: template.metadata, spec: template.spec }, policy);
        const checks = (r: typeof bare) => r.violations.map((v) => `${v.check}: ${v.detail}`).join('; ');
        if (wrapped.allowed !== (f.expect === 'pass') || checks(wrapped) !== checks(bare)) {
          wrong.push(`${f.level}/v1.${f.minor}/${f.expect}/${f.name}: ${checks(wrapped)}`);
        }
      }
      assert.deepEqual(wrong, []);
    });
  }
});
