import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadInventory } from '../../load/index.js';
import { judgeTemplates, scanDefaults } from './namespaces.js';

describe('scanDefaults', () => {
  const cases: [unknown, unknown, string, number | 'latest'][] = [
    [undefined, undefined, 'restricted', 'latest'],
    ['baseline', 'v1.30', 'baseline', 30],
    ['privileged', 'latest', 'privileged', 'latest'],
    ['bogus', 'v1.x', 'restricted', 'latest'],
    [3, 4, 'restricted', 'latest'],
  ];
  for (const [level, version, wantLevel, wantVersion] of cases) {
    it(`${String(level)} ${String(version)} → enforce ${wantLevel}:${wantVersion}, warn and audit privileged`, () => {
      const defaults = scanDefaults(level, version);
      assert.deepEqual(defaults.enforce, { level: wantLevel, version: wantVersion });
      assert.deepEqual(defaults.warn, { level: 'privileged', version: 'latest' });
      assert.deepEqual(defaults.audit, { level: 'privileged', version: 'latest' });
    });
  }
});

describe('judgeTemplates', () => {
  it('judges each template at its namespace labels, else at the scan defaults', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'aksguard-pss-ns-'));
    const pod = (name: string, namespace: string) => `apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  containers: [{ name: c, image: x, securityContext: { capabilities: { add: [NET_ADMIN] } } }]
`;
    try {
      writeFileSync(
        join(directory, 'all.yaml'),
        [
          `apiVersion: v1
kind: Namespace
metadata:
  name: legacy
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/enforce-version: v1.21
    pod-security.kubernetes.io/warn: restricted
`,
          `apiVersion: v1
kind: Namespace
metadata:
  name: open
  labels: { pod-security.kubernetes.io/enforce: privileged }
`,
          pod('a', 'legacy'),
          pod('b', 'open'),
          pod('c', 'unlabelled'),
        ].join('---\n'),
      );
      const inventory = await loadInventory({ paths: ['.'], cwd: directory });
      const judgements = judgeTemplates(inventory, scanDefaults('baseline', 'latest'));
      const summary = judgements.map((j) => ({
        name: j.template.owner.metadata.name,
        labelled: j.labelled,
        enforce: `${j.policy.enforce.level}:${j.policy.enforce.version} ${j.enforce.violations.map((v) => v.check)}`,
        warn: `${j.policy.warn.level}:${j.policy.warn.version} ${j.warn.violations.map((v) => v.check)}`,
      }));
      assert.deepEqual(summary, [
        {
          name: 'a',
          labelled: { enforce: true, warn: true },
          enforce: 'baseline:21 capabilities_baseline',
          warn: 'restricted:latest allowPrivilegeEscalation,capabilities_restricted,runAsNonRoot,seccompProfile_restricted',
        },
        {
          name: 'b',
          labelled: { enforce: true, warn: true },
          enforce: 'privileged:latest ',
          warn: 'privileged:latest ',
        },
        {
          name: 'c',
          labelled: { enforce: false, warn: false },
          enforce: 'baseline:latest capabilities_baseline',
          warn: 'privileged:latest ',
        },
      ]);
      // One verdict for both modes when they name the same policy, two otherwise.
      assert.equal(judgements[1]!.warn, judgements[1]!.enforce);
      assert.notEqual(judgements[0]!.warn, judgements[0]!.enforce);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
