import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { escapeControlKeepLines } from '../report/escape.js';
import { type Chunks, jsonChunks, type OutputSink, writeChunks } from '../report/stream.js';
import { type CliIo, UsageError } from './io.js';

/**
 * Writes a command's output to standard output as it is produced. Text for people (every format but JSON, which
 * escapes control characters itself) has the control characters that came from input shown as escapes, so no
 * ANSI/OSC sequence in a manifest reaches the terminal.
 */
export function writeText(chunks: Chunks, format: string, io: Pick<CliIo, 'out'>): void {
  writeChunks(format === 'json' ? chunks : escapedChunks(chunks), stdoutSink(io));
}

/**
 * Writes output whose every piece from input was escaped where it was rendered (`netpol list`: each name once), to
 * standard output as it is produced, without a second pass over the whole text.
 */
export function writeRenderedText(chunks: Chunks, io: Pick<CliIo, 'out'>): void {
  writeChunks(chunks, stdoutSink(io));
}

/** Text for people on standard output, control characters from input shown as escapes (newlines kept). */
export function printText(io: Pick<CliIo, 'out'>, text: string): void {
  io.out(escapeControlKeepLines(text));
}

/** A message on standard error, control characters from input shown as escapes (newlines kept). */
export function printError(io: Pick<CliIo, 'err'>, text: string): void {
  io.err(escapeControlKeepLines(text));
}

/** A JSON document on standard output, written as it is serialised (JSON.stringify(value, null, 2) and a newline). */
export function writeJson(value: unknown, io: Pick<CliIo, 'out'>): void {
  writeChunks(jsonDocument(value), stdoutSink(io));
}

function* jsonDocument(value: unknown): Generator<string> {
  yield* jsonChunks(value);
  yield '\n';
}

function* escapedChunks(chunks: Chunks): Generator<string> {
  for (const chunk of chunks) yield escapeControlKeepLines(chunk);
}

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

/**
 * Writes a whole document (the HTML views) to `--output-file` when given, else to standard output, piece by
 * piece; says on standard error where a file went. HTML escapes input itself, so it is written as produced.
 */
export function writeDocument(io: CliIo, outputFile: string | undefined, chunks: Chunks): void {
  if (outputFile === undefined) {
    writeChunks(chunks, stdoutSink(io));
    return;
  }
  const path = checkOutputFile(io.cwd, outputFile);
  withOutputFile(path, outputFile, (sink) => writeChunks(chunks, sink));
  printError(io, `aksguard: wrote the HTML report to ${path} (open it in a browser)\n`);
}
