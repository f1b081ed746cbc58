/**
 * Many manifest files read on every core: a pool of worker threads runs `readYamlFile` on batches of files, and the
 * main thread binds what comes back (plain data: values, position tables, line starts) to the files. Results are in
 * input order and identical to reading the files one by one here (a file a worker fails on is read here again).
 * Few or small inputs are read here directly: a worker costs its start-up.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { SkippedInput } from '../model/coverage.js';
import type { LoadIssue } from '../model/inventory.js';
import { type ParsedDocument, positionsOf } from './positions.js';
import type { PortablePositions } from './positionTable.js';
import { bindYamlRead, type ParsedFile, parseYamlFile, type YamlReadOptions } from './yaml.js';

export interface YamlInput {
  file: string;
  text: string;
}

export interface YamlPoolOptions extends YamlReadOptions {
  /** Worker threads; 0 reads every file on this thread. Default: by input size and cores (`defaultWorkers`). */
  workers?: number;
  /** Filled in with how many files workers read (the others were read on this thread). */
  tally?: { readByWorkers: number };
}

/** Below these, one thread reads faster than a pool starts. */
const POOL_MIN_FILES = 16;
const POOL_MIN_CHARACTERS = 2 * 1024 * 1024;
/**
 * Copying what a worker read back to this thread costs about two thirds of reading it (measured: 10k objects read
 * in 0.9 s CPU, 0.6 s more with one worker), so a pool only gains wall time with spare cores: none below 4 cores.
 */
const POOL_MIN_CORES = 4;
const MAX_WORKERS = 4;
/** Characters of text a worker is sent at once (small batches share the work evenly, large ones cost less). */
const BATCH_CHARACTERS = 512 * 1024;

export interface WorkerBatch {
  files: { index: number; file: string; text: string }[];
  maxDocuments?: number;
}

export interface PortableRead {
  documents: { index: number; value: unknown; tree: PortablePositions }[];
  issues: LoadIssue[];
  skipped?: SkippedInput;
  lineStarts: Uint32Array;
}

export type WorkerResult = { index: number; read: PortableRead } | { index: number; failed: true };

/** Workers for these inputs: none when few or small or with few cores, else one per spare core (at most 4). */
export function defaultWorkers(inputs: readonly YamlInput[]): number {
  if (inputs.length < POOL_MIN_FILES) return 0;
  let characters = 0;
  for (const input of inputs) characters += input.text.length;
  if (characters < POOL_MIN_CHARACTERS) return 0;
  const cores = availableParallelism();
  return cores < POOL_MIN_CORES ? 0 : Math.min(cores - 1, MAX_WORKERS);
}

/** How a set of inputs is read: the reader's options, and the pool's script and size when a pool pays. */
interface ReadPlan {
  readOptions: YamlReadOptions;
  workers: number;
  /** Undefined: read on this thread. */
  script: URL | undefined;
}

function planOf(inputs: readonly YamlInput[], options: YamlPoolOptions): ReadPlan {
  const readOptions: YamlReadOptions =
    options.maxDocuments !== undefined ? { maxDocuments: options.maxDocuments } : {};
  const workers = Math.min(options.workers ?? defaultWorkers(inputs), inputs.length);
  return { readOptions, workers, script: workers > 0 ? workerScript() : undefined };
}

/** Reads every input as `parseYamlFile` does, in input order, on a pool of workers when it pays. */
export async function readYamlFiles(
  inputs: readonly YamlInput[],
  options: YamlPoolOptions = {},
): Promise<ParsedFile[]> {
  const { readOptions, workers, script } = planOf(inputs, options);
  if (!script) return inputs.map((input) => parseYamlFile(input.file, input.text, readOptions));
  return new YamlPool(inputs, readOptions, script, workers, options.tally).run();
}

/**
 * Reads every input as `readYamlFiles` does and hands each file's read to `visit`, in input order. Without a pool each
 * file is read just before it is visited, so what `visit` does not keep of a file dies before the next is read.
 */
export async function forEachYamlFile(
  inputs: readonly YamlInput[],
  options: YamlPoolOptions,
  visit: (parsed: ParsedFile, input: YamlInput) => void,
): Promise<void> {
  const { readOptions, workers, script } = planOf(inputs, options);
  if (!script) {
    for (const input of inputs) visit(parseYamlFile(input.file, input.text, readOptions), input);
    return;
  }
  const parsed = await new YamlPool(inputs, readOptions, script, workers, options.tally).run();
  for (let index = 0; index < inputs.length; index++) visit(parsed[index]!, inputs[index]!);
}

/** The worker's module beside this one: the bundle's `.mjs`, the compiled `.js`, or the source under tsx. */
function workerScript(): URL | undefined {
  for (const name of ['./yamlWorker.mjs', './yamlWorker.js', './yamlWorker.ts']) {
    const url = new URL(name, import.meta.url);
    if (existsSync(url)) return url;
  }
  return undefined;
}

type WorkerConstructor = typeof import('node:worker_threads').Worker;

/**
 * A worker running the script. The TypeScript source (tests, `npm run bench` under tsx) is loaded through tsx's API:
 * a worker's entry module does not go through the loader hooks `--import tsx` set up on the main thread.
 */
function startWorker(script: URL, Worker: WorkerConstructor): Worker {
  if (!script.pathname.endsWith('.ts')) return new Worker(script);
  const api = import.meta.resolve('tsx/esm/api');
  const href = JSON.stringify(script.href);
  return new Worker(`import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${href}, ${href}))`, {
    eval: true,
  });
}

class YamlPool {
  private readonly results: (ParsedFile | undefined)[];
  private next = 0;

  constructor(
    private readonly inputs: readonly YamlInput[],
    private readonly options: YamlReadOptions,
    private readonly script: URL,
    private readonly size: number,
    private readonly tally: { readByWorkers: number } | undefined,
  ) {
    this.results = new Array(inputs.length);
  }

  async run(): Promise<ParsedFile[]> {
    // node:worker_threads is imported only when a pool runs (a one-file scan has none).
    const { Worker } = await import('node:worker_threads');
    const workers = Array.from({ length: this.size }, () => startWorker(this.script, Worker));
    try {
      await Promise.all(workers.map((worker) => this.drive(worker)));
    } finally {
      await Promise.all(workers.map((worker) => worker.terminate()));
    }
    // Anything a worker did not read (it died) is read here, as are files it failed on.
    return this.inputs.map(
      (input, index) => this.results[index] ?? parseYamlFile(input.file, input.text, this.options),
    );
  }

  private takeBatch(): WorkerBatch | undefined {
    if (this.next >= this.inputs.length) return undefined;
    const batch: WorkerBatch = { files: [] };
    if (this.options.maxDocuments !== undefined) batch.maxDocuments = this.options.maxDocuments;
    let characters = 0;
    while (this.next < this.inputs.length && (batch.files.length === 0 || characters < BATCH_CHARACTERS)) {
      const input = this.inputs[this.next]!;
      batch.files.push({ index: this.next, file: input.file, text: input.text });
      characters += input.text.length;
      this.next++;
    }
    return batch;
  }

  /** Feeds one worker batches until none is left; resolves when it has answered the last one (or died). */
  private drive(worker: Worker): Promise<void> {
    return new Promise((resolve) => {
      const send = (): void => {
        const batch = this.takeBatch();
        if (batch) worker.postMessage(batch);
        else resolve();
      };
      worker.on('message', (results: WorkerResult[]) => {
        for (const result of results) {
          if ('failed' in result) continue;
          const input = this.inputs[result.index]!;
          if (this.tally) this.tally.readByWorkers++;
          this.results[result.index] = bindYamlRead(input.file, {
            documents: result.read.documents.map(
              (document): ParsedDocument => ({
                index: document.index,
                value: document.value,
                tree: positionsOf(document.tree),
              }),
            ),
            issues: result.read.issues,
            lineStarts: result.read.lineStarts,
            ...(result.read.skipped ? { skipped: result.read.skipped } : {}),
          });
        }
        send();
      });
      // A worker that cannot start or dies leaves its batch to the main thread (see `run`).
      worker.on('error', () => resolve());
      worker.on('exit', () => resolve());
      send();
    });
  }
}
