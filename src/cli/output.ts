import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { OutputSink } from '../report/stream.js';
import { type CliIo, UsageError } from './io.js';

/** Standard output as a sink for streamed renderers. */
export function stdoutSink(io: Pick<CliIo, 'out'>): OutputSink {
  return { write: (text) => io.out(text) };
}

/**
 * Refuses an `--output-file` that cannot be written before any work is done (exit 2, DESIGN §6): a folder, or a
 * file in a folder that does not exist. Creating or truncating waits until the report is written.
 */
export function checkOutputFile(cwd: string, file: string): string {
  const path = resolve(cwd, file);
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw new UsageError(`--output-file ${file}: is a folder`);
  } else {
    const folder = dirname(path);
    if (!existsSync(folder) || !statSync(folder).isDirectory())
      throw new UsageError(`--output-file ${file}: the folder ${dirname(file)} does not exist`);
  }
  return path;
}

/** Writes streamed output to `path` piece by piece; an error opening or writing it is a usage error (exit 2). */
export function withOutputFile(path: string, shown: string, write: (sink: OutputSink) => void): void {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    throw new UsageError(
      `--output-file ${shown}: cannot write: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  try {
    write({
      write(text) {
        try {
          writeSync(fd, text);
        } catch (error) {
          throw new UsageError(
            `--output-file ${shown}: cannot write: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
          );
        }
      },
    });
  } finally {
    closeSync(fd);
  }
}
