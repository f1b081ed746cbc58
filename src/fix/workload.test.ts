import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadFixtures } from '../../test/conformance/pss/fixtures.js';
import { evaluatePod, type PodLike } from '../engines/pss/index.js';
import { loadInventory } from '../load/index.js';
import { podFix, workloadFixes } from './workload.js';
import { applyStrategicMerge } from './workloadMerge.js';

const VOLUME_CHECKS = ['hostPathVolumes', 'restrictedVolumes'];

describe('podFix over the upstream fixtures', () => {
  const { fixtures, pods } = loadFixtures();

  it('patches every fail fixture into one its policy allows, except volume types it leaves to people', () => {
    const wrong: string[] = [];
    for (const f of fixtures) {
      if (f.expect !== 'fail') continue;
      const pod = pods[f.content] as PodLike;
      const policy = { level: f.level, version: f.minor };
      const fix = podFix(pod, policy);
      const where = `${f.level}/v1.${f.minor}/${f.name}`;
      if (!fix) {
        wrong.push(`${where}: no fix`);
        continue;
      }
      const patched = applyStrategicMerge({ metadata: pod.metadata, spec: pod.spec }, fix.patch) as PodLike;
      const remaining = evaluatePod(patched, policy).violations.map((v) => v.check);
      assert.deepEqual(remaining, fix.unresolved, where);
      if (remaining.some((check) => !VOLUME_CHECKS.includes(check)))
        wrong.push(`${where}: still ${remaining.join(', ')}`);
      if (remaining.length > 0 && !VOLUME_CHECKS.includes(f.target!))
        wrong.push(`${where}: unresolved ${remaining}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('proposes nothing for pass fixtures', () => {
    for (const f of fixtures) {
      if (f.expect === 'pass')
        assert.equal(podFix(pods[f.content] as PodLike, { level: f.level, version: f.minor }), undefined);
    }
  });
});

describe('podFix patches', () => {
  const pod = (spec: Record<string, unknown>, annotations?: Record<string, string>): PodLike => ({
    metadata: { name: 'p', ...(annotations ? { annotations } : {}) },
    spec,
  });

  it('gives a bare container the restricted securityContext, pod-level where one field covers all containers', () => {
    const fix = podFix(pod({ containers: [{ name: 'app', image: 'x' }] }), {
      level: 'restricted',
      version: 'latest',
    });
    assert.deepEqual(fix, {
      patch: {
        spec: {
          securityContext: {
            runAsNonRoot: true,
            seccompProfile: { type: 'RuntimeDefault', localhostProfile: null },
          },
          containers: [
            {
              name: 'app',
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            },
          ],
        },
      },
      unresolved: [],
    });
  });

  it('changes only what the requested level needs', () => {
    const spec = {
      hostNetwork: true,
      containers: [{ name: 'app', image: 'x', securityContext: { privileged: true } }],
    };
    assert.deepEqual(podFix(pod(spec), { level: 'baseline', version: 'latest' })?.patch, {
      spec: { hostNetwork: false, containers: [{ name: 'app', securityContext: { privileged: false } }] },
    });
  });

  it('removes forbidden list entries and keeps the others', () => {
    const spec = {
      securityContext: {
        sysctls: [
          { name: 'kernel.msgmax', value: '1' },
          { name: 'net.ipv4.tcp_syncookies', value: '1' },
        ],
      },
      containers: [
        { name: 'app', image: 'x', securityContext: { capabilities: { add: ['CHOWN', 'SYS_ADMIN'] } } },
      ],
    };
    assert.deepEqual(podFix(pod(spec), { level: 'baseline', version: 'latest' })?.patch, {
      spec: {
        securityContext: { sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }] },
        containers: [{ name: 'app', securityContext: { capabilities: { add: ['CHOWN'] } } }],
      },
    });
  });

  it('rewrites forbidden annotations before v1.19', () => {
    const fix = podFix(
      pod(
        { containers: [{ name: 'app', image: 'x' }] },
        { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' },
      ),
      {
        level: 'baseline',
        version: 18,
      },
    );
    assert.deepEqual(fix?.patch, {
      metadata: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } },
    });
  });

  it('leaves restricted volume types unresolved', () => {
    const spec = {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'app',
          image: 'x',
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        },
      ],
      volumes: [{ name: 'share', azureFile: { shareName: 's', secretName: 'k' } }],
    };
    assert.deepEqual(podFix(pod(spec), { level: 'restricted', version: 'latest' }), {
      patch: {},
      unresolved: ['restrictedVolumes'],
    });
  });
});

describe('workloadFixes', () => {
  it('nests the patch at the template of each workload', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'aksguard-fix-'));
    try {
      writeFileSync(
        join(directory, 'app.yaml'),
        `apiVersion: batch/v1
kind: CronJob
metadata: { name: report, namespace: shop }
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: report
              image: contoso.azurecr.io/report:1.0
              securityContext: { runAsUser: 0 }
---
apiVersion: v1
kind: Pod
metadata: { name: fine, namespace: shop }
spec:
  securityContext: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
  containers:
    - name: app
      image: contoso.azurecr.io/app:1.0
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }
`,
      );
      const inventory = await loadInventory({ paths: ['.'], cwd: directory });
      const fixes = workloadFixes(inventory, { level: 'restricted', version: 'latest' });
      assert.equal(fixes.length, 1);
      assert.deepEqual(fixes[0]!.resource, {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        namespace: 'shop',
        name: 'report',
      });
      assert.equal(fixes[0]!.location.line, 1);
      assert.deepEqual(fixes[0]!.unresolved, []);
      assert.equal(
        fixes[0]!.patch,
        `spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: report
              securityContext:
                allowPrivilegeEscalation: false
                capabilities:
                  drop:
                    - ALL
                runAsUser: null
          securityContext:
            runAsNonRoot: true
            seccompProfile:
              type: RuntimeDefault
              localhostProfile: null
`,
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('applyStrategicMerge', () => {
  it('merges containers by name and ports by containerPort, deletes with null, replaces other lists', () => {
    const target = {
      containers: [
        {
          name: 'a',
          image: 'x',
          ports: [{ containerPort: 80, hostPort: 80 }, { containerPort: 81 }],
          args: ['1', '2'],
        },
        { name: 'b', image: 'y' },
      ],
    };
    const patch = {
      containers: [
        { name: 'a', ports: [{ containerPort: 80, hostPort: null }], args: ['3'] },
        { name: 'c', image: 'z' },
      ],
    };
    assert.deepEqual(applyStrategicMerge(target, patch), {
      containers: [
        { name: 'a', image: 'x', ports: [{ containerPort: 80 }, { containerPort: 81 }], args: ['3'] },
        { name: 'b', image: 'y' },
        { name: 'c', image: 'z' },
      ],
    });
    assert.deepEqual(
      target.containers[0]!.ports![0],
      { containerPort: 80, hostPort: 80 },
      'the target is not modified',
    );
  });
});
