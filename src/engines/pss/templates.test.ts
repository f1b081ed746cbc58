import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tempTree } from '../../../test/support/tempTree.js';
import { loadInventory } from '../../load/index.js';
import { ownerPath } from './templates.js';

describe('ownerPath', () => {
  it("maps a violation's spec and metadata paths into the owner object, Pod and workload alike", async () => {
    const { dir, cleanup } = tempTree({
      'all.yaml': `apiVersion: v1
kind: Pod
metadata: { name: p, namespace: n }
spec: { containers: [{ name: c, image: x }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: d, namespace: n }
spec:
  selector: { matchLabels: { app: d } }
  template:
    metadata: { labels: { app: d } }
    spec: { containers: [{ name: c, image: x }] }
`,
    });
    try {
      const inventory = await loadInventory({ paths: ['.'], cwd: dir });
      const [pod, deployment] = inventory.podTemplates;
      const field = ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'];
      const annotation = ['metadata', 'annotations', 'container.apparmor.security.beta.kubernetes.io/c'];
      assert.deepEqual(ownerPath(pod!, field), field);
      assert.deepEqual(ownerPath(pod!, annotation), annotation);
      assert.deepEqual(ownerPath(deployment!, field), ['spec', 'template', ...field]);
      assert.deepEqual(ownerPath(deployment!, annotation), ['spec', 'template', ...annotation]);
      // The template's own paths are not changed by the arrays made from them.
      assert.deepEqual(deployment!.specPath, ['spec', 'template', 'spec']);
      assert.deepEqual(ownerPath(deployment!, ['spec']), ['spec', 'template', 'spec']);
    } finally {
      cleanup();
    }
  });
});
