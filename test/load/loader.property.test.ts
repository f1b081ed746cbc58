import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadInventory } from '../../src/load/index.js';
import { parseYamlFile } from '../../src/load/yaml.js';
import { tempTree } from '../support/tempTree.js';

/** Text that looks like YAML more often than random bytes do, so the parser's deeper paths are reached. */
const yamlish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'apiVersion: v1\n',
        'kind: Pod\n',
        'metadata:\n',
        '  name: x\n',
        '---\n',
        '- ',
        '&a ',
        '*a ',
        '{',
        '}',
        '[',
        ']',
        ': ',
        '"',
        "'",
        '|\n',
        '>-\n',
        '\t',
        '  ',
        '#',
        '!!str ',
        '%YAML 1.2\n',
        '<<: *a\n',
        'items:\n',
      ),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('loader properties', () => {
  it('parses any text without throwing; every issue names the file', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), yamlish), (text) => {
        const parsed = parseYamlFile('fuzz.yaml', text);
        for (const issue of parsed.issues) {
          assert.equal(issue.file, 'fuzz.yaml');
          assert.ok(issue.message.length > 0);
        }
        for (const document of parsed.documents) {
          const location = document.locate(['metadata', 'name']);
          assert.ok(location.line >= 1 && location.column >= 1);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('loads any byte string as a file without throwing or hanging', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        const tree = tempTree({ 'input.yaml': Buffer.from(bytes) });
        try {
          const started = Date.now();
          const inventory = await loadInventory({ paths: ['.'], cwd: tree.dir });
          assert.ok(Date.now() - started < 2000);
          for (const issue of inventory.issues) assert.equal(issue.file, 'input.yaml');
        } finally {
          tree.cleanup();
        }
      }),
      { numRuns: 200 },
    );
  });
});
