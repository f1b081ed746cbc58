import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { examplesOf } from './docs.js';

describe('rule docs examples', () => {
  it('reads fenced blocks under ❌/✅ headings, grouped and with settings', () => {
    const page = [
      '# X-1: t',
      '```yaml',
      'ignored: outside a section',
      '```',
      '## Examples',
      '### ❌ Incorrect',
      '```hcl group=1',
      'resource "x" "y" {}',
      '```',
      '```yaml group=1 settings={"netpolEngine":"cilium"}',
      'kind: A',
      '```',
      '```json file=roles.json settings={"azureRoleAssignmentsFile":"roles.json"}',
      '[]',
      '```',
      '### ✅ Correct',
      '```yaml',
      'kind: B',
      '```',
      '## How to fix',
      '```yaml',
      'not: an example',
      '```',
    ].join('\n');
    assert.deepEqual(examplesOf(page), [
      {
        expect: 'incorrect',
        files: { 'main.tf': 'resource "x" "y" {}\n', 'example.yaml': 'kind: A\n' },
        line: 7,
        settings: { netpolEngine: 'cilium' },
      },
      {
        expect: 'incorrect',
        files: { 'roles.json': '[]\n' },
        line: 13,
        settings: { azureRoleAssignmentsFile: 'roles.json' },
      },
      { expect: 'correct', files: { 'example.yaml': 'kind: B\n' }, line: 17 },
    ]);
  });
});
