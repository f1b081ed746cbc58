import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from './io.js';

/**
 * Writes a rendering chunk by chunk: to `--output-file` when given (created or truncated), else to standard
 * output. Returns the absolute path written, if any.
 */
export function writeChunks(
  io: CliIo,
  outputFile: string | undefined,
  chunks: Iterable<string>,
): string | undefined {
  if (outputFile === undefined) {
    for (const chunk of chunks) io.out(chunk);
    return undefined;
  }
  const path = resolve(io.cwd, outputFile);
  const fd = openSync(path, 'w');
  try {
    for (const chunk of chunks) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return path;
}
