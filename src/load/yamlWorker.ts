/**
 * A YAML reading worker (see `yamlPool.ts`): reads batches of files with `readYamlFile` and sends back what it read
 * as plain data, position tables and line starts transferred. A file whose reading throws comes back as `failed`,
 * and the main thread reads it itself (so errors behave as without the pool).
 */
import { parentPort } from 'node:worker_threads';
import type { PortablePositions } from './positionTable.js';
import { readYamlFile, type YamlReadOptions } from './yaml.js';
import type { PortableRead, WorkerBatch, WorkerResult } from './yamlPool.js';

function portable(read: ReturnType<typeof readYamlFile>, transfer: Set<ArrayBuffer>): PortableRead {
  const documents = read.documents.map((document) => {
    const tree: PortablePositions = document.tree.portable();
    // The documents of a file share one buffer: listed once.
    if (tree.kind === 'table') transfer.add(tree.data.buffer as ArrayBuffer);
    return { index: document.index, value: document.value, tree };
  });
  transfer.add(read.lineStarts.buffer as ArrayBuffer);
  return {
    documents,
    issues: read.issues,
    lineStarts: read.lineStarts,
    ...(read.skipped ? { skipped: read.skipped } : {}),
  };
}

parentPort?.on('message', (batch: WorkerBatch) => {
  const results: WorkerResult[] = [];
  const transfer = new Set<ArrayBuffer>();
  const options: YamlReadOptions =
    batch.maxDocuments !== undefined ? { maxDocuments: batch.maxDocuments } : {};
  for (const file of batch.files) {
    try {
      results.push({
        index: file.index,
        read: portable(readYamlFile(file.file, file.text, options), transfer),
      });
    } catch {
      results.push({ index: file.index, failed: true });
    }
  }
  parentPort?.postMessage(results, [...transfer]);
});
