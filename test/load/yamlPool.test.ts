import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { SourceDocument } from '../../src/load/document.js';
import type { ParsedFile } from '../../src/load/yaml.js';
import { readYamlFiles, type YamlInput } from '../../src/load/yamlPool.js';
import type { PathSegment } from '../../src/model/source.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every YAML and JSON file under the folders, in path order (the conformance suites hold every oddity met). */
function inputsUnder(...folders: string[]): YamlInput[] {
  const inputs: YamlInput[] = [];
  const walk = (path: string): void => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) walk(join(path, entry));
    } else if (/\.(ya?ml|json)$/.test(path)) {
      inputs.push({ file: path.slice(ROOT.length), text: readFileSync(path, 'utf8') });
    }
  };
  for (const folder of folders) walk(join(ROOT, folder));
  return inputs;
}

/** Every path of a value, plus one missing key and one missing index under each container. */
function* pathsOf(value: unknown, path: PathSegment[] = []): Generator<PathSegment[]> {
  yield path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* pathsOf(item, [...path, index]);
    yield [...path, value.length];
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) yield* pathsOf(item, [...path, key]);
    yield [...path, 'no-such-key'];
  }
}

function located(document: SourceDocument): unknown[] {
  return [...pathsOf(document.value)].slice(0, 2000).map((path) => [path, document.locate(path)]);
}

function comparable(file: ParsedFile): unknown {
  return {
    issues: file.issues,
    skipped: file.skipped,
    documents: file.documents.map((document) => ({
      file: document.file,
      index: document.index,
      value: document.value,
      located: located(document),
    })),
  };
}

describe('reading YAML files on a pool of worker threads (issue 16)', () => {
  const inputs = inputsUnder('test/conformance', 'examples');

  it('gives what one thread gives, file by file and in order', { timeout: 120_000 }, async () => {
    assert.ok(inputs.length > 200, `${inputs.length} files`);
    const tally = { readByWorkers: 0 };
    const pooled = await readYamlFiles(inputs, { workers: 2, tally });
    const alone = await readYamlFiles(inputs, { workers: 0 });
    // Every file was read by a worker: the comparison is not one thread against itself.
    assert.equal(tally.readByWorkers, inputs.length);
    assert.equal(pooled.length, alone.length);
    for (const [index, file] of alone.entries())
      assert.deepEqual(comparable(pooled[index]!), comparable(file), inputs[index]!.file);
  });

  it('passes --max-documents to the workers', async () => {
    const many = Array.from({ length: 20 }, (_, index) => ({
      file: `f${index}.yaml`,
      text: 'a: 1\n---\nb: 2\n---\nc: 3\n',
    }));
    const tally = { readByWorkers: 0 };
    const pooled = await readYamlFiles(many, { workers: 2, maxDocuments: 2, tally });
    assert.equal(tally.readByWorkers, 20);
    assert.deepEqual(
      pooled.map((file) => [file.documents.length, file.issues.map((issue) => issue.message)]),
      (await readYamlFiles(many, { workers: 0, maxDocuments: 2 })).map((file) => [
        file.documents.length,
        file.issues.map((issue) => issue.message),
      ]),
    );
    assert.match(pooled[0]!.issues[0]!.message, /more than 2 YAML documents/);
  });
});
