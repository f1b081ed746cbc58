import { writeSync } from 'node:fs';
import type { Command } from 'commander';
import { ConfigError } from '../config/configError.js';
import { VERSION } from '../version.js';
import { type CliIo, EXIT_INTERNAL, EXIT_USAGE, UsageError } from './io.js';
import { printError } from './output.js';

interface CommandModule {
  register(program: Command, io: CliIo): void;
}

/**
 * Command modules by the command they register, in this order; each only parses arguments and calls the library.
 * A module is imported only when its command runs (or for the root help): start-up stays cheap as commands grow.
 */
const COMMANDS: ReadonlyMap<string, () => Promise<CommandModule>> = new Map([
  ['scan', () => import('./commands/scan.js')],
  ['pss', () => import('./commands/pss.js')],
  ['netpol', () => import('./commands/netpol.js')],
  ['rbac', () => import('./commands/rbac.js')],
  ['fix', () => import('./commands/fix.js')],
  ['rules', () => import('./commands/rules.js')],
  ['snapshot', () => import('./commands/snapshot.js')],
  ['fleet', () => import('./commands/fleet.js')],
  ['serve', () => import('./commands/serve.js')],
  ['generate', () => import('./commands/generate.js')],
]);

/**
 * The commands the arguments can reach: the one named first (or after `help`), none for `--version`, and all of
 * them otherwise (root help, an unknown command and its suggestions behave as with every command registered).
 */
function commandsFor(argv: readonly string[]): string[] {
  const [first, second] = argv;
  if (onlyVersion(argv)) return [];
  if (first !== undefined && COMMANDS.has(first)) return [first];
  if (first === 'help' && second !== undefined && COMMANDS.has(second)) return [second];
  return [...COMMANDS.keys()];
}

/** `aksguard --version` (or `-V`) and nothing else. */
function onlyVersion(argv: readonly string[]): boolean {
  return argv.length === 1 && (argv[0] === '-V' || argv[0] === '--version');
}

export interface MainOptions {
  programName?: string;
  io?: CliIo;
}

/**
 * A reader that stops early (`aksguard scan . | head`) closes the pipe: the rest of the output is dropped quietly
 * and the command ends with its usual exit code, as a well-behaved Unix filter does (no EPIPE stack trace).
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

/**
 * Standard output redirected to a file (or /dev/null) is a synchronous stream in Node (`_type` 'fs', a
 * SyncWriteStream that calls writeSync): writing the text with writeSync directly gives the same bytes in the same
 * order without the stream making a Buffer of each piece (~150 ms less CPU for 140 MB of JSON: fresh 64 KiB buffers
 * are page faults and external memory for the collector).
 * A pipe (`aksguard scan . | jq`) is an asynchronous socket on POSIX (Node's net.Socket over a non-blocking fd; only
 * Windows makes it blocking, lib/net.js): a write the reader is not ready for is queued in memory, and a scan writes
 * its whole report before the event loop turns, so the queue held most of it (a 100k-object scan's peak RSS 467 →
 * 920 MiB, +1 s of CPU). Made blocking as Node makes a terminal (tty.WriteStream's `setBlocking(true)`), the pipe is
 * written like a file: each write waits for the reader, as any Unix filter's does. A terminal keeps its stream.
 */
function stdoutWriter(stream: NodeJS.WriteStream): (text: string) => void {
  const fd = (stream as { fd?: unknown }).fd;
  const type = (stream as { _type?: unknown })._type;
  if (typeof fd === 'number' && type === 'fs') return blockingWriter(fd);
  if (typeof fd === 'number' && type === 'pipe' && madeBlocking(stream))
    return blockingWriter(fd, () => madeBlocking(stream));
  return quietOnClosedPipe(stream);
}

/** Makes a pipe's writes blocking (libuv `uv_stream_set_blocking`); false when the handle cannot. */
function madeBlocking(stream: NodeJS.WriteStream): boolean {
  const handle = (stream as { _handle?: { setBlocking?: (blocking: boolean) => number } })._handle;
  return typeof handle?.setBlocking === 'function' && handle.setBlocking(true) === 0;
}

/**
 * Writes each piece whole with writeSync (a blocking pipe's write can return early when a signal arrives, so what is
 * left is written again). A reader that closed the pipe (EPIPE) drops the rest quietly (quietOnClosedPipe); any other
 * failure, a full disk (ENOSPC), a quota, is said as for --output-file (exit 2), not an uncaught error.
 * `block` makes a pipe blocking again: standard error on the same pipe (`aksguard ... 2>&1 | jq`) shares its file
 * description, and libuv opening standard error's handle made it non-blocking once more, so a full pipe answered
 * EAGAIN (exit 2, the report cut short).
 */
function blockingWriter(fd: number, block?: () => boolean): (text: string) => void {
  let closed = false;
  let scratch: Buffer | undefined;
  return (text) => {
    if (closed) return;
    // The renderers' pieces are at most 64 Ki characters (writeChunks): encoded into one buffer kept for the run.
    let bytes: Buffer;
    let length: number;
    if (text.length <= SCRATCH_CHARACTERS) {
      scratch ??= Buffer.allocUnsafe(SCRATCH_CHARACTERS * 3);
      bytes = scratch;
      length = scratch.write(text, 'utf8');
    } else {
      bytes = Buffer.from(text, 'utf8');
      length = bytes.length;
    }
    try {
      for (let offset = 0; offset < length; ) {
        try {
          offset += writeSync(fd, bytes, offset, length - offset);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EAGAIN' && block?.()) continue;
          throw error;
        }
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') {
        closed = true;
        return;
      }
      throw new UsageError(`standard output: cannot write: ${code ?? 'error'}`);
    }
  };
}

/** Pieces up to this many UTF-16 units go through the kept buffer (3 bytes of UTF-8 at most per unit). */
const SCRATCH_CHARACTERS = 64 * 1024;

export function processIo(): CliIo {
  return {
    out: stdoutWriter(process.stdout),
    err: quietOnClosedPipe(process.stderr),
    readStdin: async (maxBytes?: number) => {
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        total += (chunk as Buffer).length;
        // Over the limit: stop reading (a 600 MB pipe is not held in memory first).
        if (maxBytes !== undefined && total > maxBytes) {
          process.stdin.destroy();
          break;
        }
      }
      return Buffer.concat(chunks);
    },
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
    exitCode: 0,
  };
}

export async function buildProgram(
  io: CliIo,
  programName = 'aksguard',
  argv: readonly string[] = [],
): Promise<Command> {
  const { Command } = await import('commander');
  const program = new Command(programName)
    .description('Zero-trust security analysis for Azure Kubernetes Service')
    .version(VERSION, '-V, --version')
    // Root options only before the command: `pss check --version v1.30` is the Pod Security version.
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => printError(io, text) });
  const modules = await Promise.all(commandsFor(argv).map((name) => COMMANDS.get(name)!()));
  for (const module of modules) module.register(program, io);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and returns the exit code (DESIGN §6): 0 ok, 1 findings, 2 usage or input error, 3 internal error. */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const io = options.io ?? processIo();
  // What commander's `.version()` prints for this argument list, without loading commander (most of a start-up).
  if (onlyVersion(argv)) {
    io.out(`${VERSION}\n`);
    return 0;
  }
  try {
    const program = await buildProgram(io, options.programName, argv);
    await program.parseAsync([...argv], { from: 'user' });
    return io.exitCode;
  } catch (error) {
    const { CommanderError } = await import('commander');
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof UsageError || error instanceof ConfigError) {
      printError(io, `aksguard: ${error.message}\n`);
      return EXIT_USAGE;
    }
    printError(
      io,
      `aksguard: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT_INTERNAL;
  }
}
