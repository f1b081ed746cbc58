import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadInventory } from '../../src/load/index.js';
import { DEFAULT_MAX_DOCUMENTS, parseYamlFile } from '../../src/load/yaml.js';
import { runCli } from '../support/cli.js';
import { tempTree } from '../support/tempTree.js';

const configMap = (index: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c${index} }\n`;

describe('input bounds (issue 9 §2): documents, standard input, pipes and devices', () => {
  it('refuses 2 million tiny documents in an 18 MB file early, with a clear message', {
    timeout: 20_000,
  }, () => {
    const flood = 'x: 1\n---\n'.repeat(2_000_000);
    assert.equal(flood.length, 18_000_000);
    const parsed = parseYamlFile('flood.yaml', flood);
    assert.deepEqual(parsed.documents, []);
    assert.deepEqual(
      parsed.issues.map((issue) => `${issue.level}: ${issue.message}`),
      [
        `error: more than ${DEFAULT_MAX_DOCUMENTS} YAML documents in one file, over the limit (raise it with --max-documents); the file is not read`,
      ],
    );
  });

  it('reads a 20,001-document file like any other (no cliff)', { timeout: 20_000 }, () => {
    const text = Array.from({ length: 20_001 }, (_, index) => configMap(index)).join('---\n');
    const parsed = parseYamlFile('many.yaml', text);
    assert.equal(parsed.documents.length, 20_001);
    assert.deepEqual(parsed.issues, []);
    assert.equal(parsed.documents[20_000]!.locate([]).line, 20_000 * 4 + 1);
  });

  for (const reader of ['fast', 'events'] as const) {
    it(`says where each duplicate key was set before, in time linear in the keys (${reader} reader)`, {
      timeout: 20_000,
    }, () => {
      // 100,000 keys each given twice: the look-up of the earlier entry was a scan of the mapping (O(n²): minutes).
      const keys = 100_000;
      const lines = Array.from({ length: keys }, (_, index) => `  k${index}: v`);
      const text = `data:\n${lines.join('\n')}\n${lines.join('\n')}\n`;
      const parsed = parseYamlFile('dup.yaml', text, { reader });
      assert.equal(parsed.issues.length, keys);
      assert.match(
        parsed.issues[keys - 1]!.message,
        new RegExp(`^duplicate key "k${keys - 1}" \\(first at line ${keys + 1}\\)`),
      );
      // The previous entry of a key given three times, with a nested mapping (its own duplicates) in between.
      const nested = parseYamlFile('nested.yaml', 'a: 1\nb:\n  x: 1\n  x: 2\na: 2\nc: {z: 1, z: 2}\na: 3\n', {
        reader,
      });
      assert.deepEqual(
        nested.issues.map((issue) => issue.message.slice(0, issue.message.indexOf(':'))),
        [
          'duplicate key "x" (first at line 3)',
          'duplicate key "a" (first at line 1)',
          'duplicate key "z" (first at line 6)',
          'duplicate key "a" (first at line 5)',
        ],
      );
    });
  }

  it('honours --max-documents, counting empty documents too', async () => {
    assert.equal(
      parseYamlFile('a.yaml', '---\n---\n---\na: 1\n', { maxDocuments: 3 }).issues[0]?.level,
      'error',
    );
    assert.equal(parseYamlFile('a.yaml', '---\na: 1\n---\nb: 2\n', { maxDocuments: 3 }).documents.length, 2);
    const tree = tempTree({
      'six.yaml': Array.from({ length: 6 }, (_, index) => configMap(index)).join('---\n'),
    });
    try {
      const refused = await runCli(['scan', '.', '--no-config', '--max-documents', '5', '-o', 'json'], {
        cwd: tree.dir,
      });
      assert.equal(refused.code, 2);
      assert.match(JSON.parse(refused.stdout).errors[0].message, /more than 5 YAML documents/);
      const usage = await runCli(['scan', '.', '--max-documents', '0'], { cwd: tree.dir });
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /--max-documents must be a positive whole number/);
    } finally {
      tree.cleanup();
    }
  });

  it('stops reading standard input at --max-file-size', async () => {
    let asked: number | undefined;
    const inventory = await loadInventory({
      paths: ['-'],
      maxFileSize: 1000,
      io: {
        readStdin: async (maxBytes?: number) => {
          asked = maxBytes;
          return new Uint8Array((maxBytes ?? 0) + 1).fill(0x61);
        },
      },
    });
    assert.equal(asked, 1000);
    assert.deepEqual(
      inventory.issues.map((issue) => `${issue.file}: ${issue.message}`),
      [
        '<stdin>: input is over the 1000 bytes limit (raise it with --max-file-size); reading stopped there, skipped',
      ],
    );
  });

  it('decodes standard input bytes like a file (UTF-16 mark, binary)', async () => {
    const manifest = configMap(1);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(manifest, 'utf16le')]);
    const read = await loadInventory({ paths: ['-'], io: { readStdin: async () => utf16 } });
    assert.equal(read.objects[0]?.metadata.name, 'c1');
    const binary = await loadInventory({
      paths: ['-'],
      io: { readStdin: async () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]) },
    });
    assert.match(binary.issues[0]?.message ?? '', /binary file/);
  });

  it('refuses a named pipe or a device named on the command line instead of hanging', {
    timeout: 20_000,
  }, async () => {
    const tree = tempTree({ 'ok.yaml': configMap(1) });
    try {
      execFileSync('mkfifo', [join(tree.dir, 'fifo.yaml')]);
      const inventory = await loadInventory({ paths: ['fifo.yaml', '/dev/zero', '.'], cwd: tree.dir });
      assert.deepEqual(
        inventory.objects.map((object) => object.metadata.name),
        ['c1'],
      );
      assert.deepEqual(
        inventory.issues.map((issue) => `${issue.file}: ${issue.message}`),
        [
          'fifo.yaml: a named pipe (FIFO): not read, as it may never end; pipe its content to standard input (-) or save it as a file',
          '/dev/zero: a device, not a file: not read',
        ],
      );
    } finally {
      tree.cleanup();
    }
  });

  it('reads process substitution (/dev/fd/N) as a pipe', { timeout: 30_000 }, () => {
    // What `aksguard scan <(cat pod.yaml)` receives from bash: an open pipe named /dev/fd/N.
    const loader = new URL('../../src/load/index.ts', import.meta.url).href;
    const script = `const { loadInventory } = await import(${JSON.stringify(loader)});
const inventory = await loadInventory({ paths: [process.argv[1]] });
console.log(JSON.stringify({ names: inventory.objects.map((o) => o.metadata.name), issues: inventory.issues, file: inventory.objects[0]?.location.file }));`;
    const output = execFileSync(
      'bash',
      [
        '-c',
        'exec node --import tsx --input-type=module -e "$1" <(printf %s "$2")',
        'bash',
        script,
        configMap(7),
      ],
      { encoding: 'utf8' },
    );
    const result = JSON.parse(output) as { names: string[]; issues: unknown[]; file: string };
    assert.deepEqual(result.names, ['c7']);
    assert.deepEqual(result.issues, []);
    assert.match(result.file, /^\/dev\/fd\/\d+$/);
  });
});
