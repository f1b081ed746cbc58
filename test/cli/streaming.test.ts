import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, tempTree } from '../support/cli.js';

async function writesOf(args: string[], cwd: string): Promise<{ code: number; writes: string[] }> {
  const { code, writes } = await runCli(args, { cwd });
  return { code, writes };
}

function onePod(index: number): string {
  return `apiVersion: v1
kind: Pod
metadata: { name: pod-${index}, namespace: ns-${index % 7} }
spec:
  containers: [{ name: app, image: "nginx:1.25", securityContext: { privileged: true } }]
`;
}

const BLOCK_LIMIT = 70 * 1024;

describe('output is written as it is serialised, never as one string', () => {
  const files: Record<string, string> = {};
  for (let index = 0; index < 300; index++) files[`pods/pod-${index}.yaml`] = onePod(index);
  const tree = tempTree(files);

  for (const format of ['json', 'sarif', 'junit', 'markdown', 'table']) {
    it(`scan -o ${format}: many writes of at most 64 KiB each, together the whole document`, async () => {
      const { code, writes } = await writesOf(['scan', 'pods', '--no-config', '-o', format], tree.dir);
      assert.equal(code, 1);
      assert.ok(writes.length > 5, `${writes.length} writes`);
      assert.ok(Math.max(...writes.map((w) => w.length)) < BLOCK_LIMIT);
      const text = writes.join('');
      if (format === 'json') assert.equal(JSON.parse(text).inputs.files, 300);
      if (format === 'sarif') assert.ok(JSON.parse(text).runs[0].results.length >= 300);
    });
  }

  it('netpol list -o json and txt: written source by source', async () => {
    for (const format of ['json', 'txt']) {
      const { code, writes } = await writesOf(['netpol', 'list', '-f', 'pods', '-o', format], tree.dir);
      assert.equal(code, 0);
      assert.ok(writes.length > 5, `${format}: ${writes.length} writes`);
      assert.ok(Math.max(...writes.map((w) => w.length)) < BLOCK_LIMIT);
    }
  });

  it('netpol explain: explains at most --max-pairs pairs and says how many it left out', async () => {
    const { code, writes } = await writesOf(
      ['netpol', 'explain', '-f', 'pods', '--max-pairs', '3'],
      tree.dir,
    );
    const text = writes.join('');
    assert.equal(code, 0);
    assert.equal(text.match(/^\S.* => /gm)?.length, 3);
    // 300 pods with no policy: 300 × 299 pairs between pods, and each pod with each external block.
    const omitted =
      /\n… (\d+) more pair\(s\) not explained: the limit is 3 \(--max-pairs N\); narrow with --focus WORKLOAD\n$/.exec(
        text,
      );
    assert.ok(omitted && Number(omitted[1]) > 300 * 299 - 3, text.slice(-200));
  });

  it('cleans up', () => tree.cleanup());
});
