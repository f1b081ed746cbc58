import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config.js';
import { VERSION } from '../version.js';
import * as fix from './commands/fix.js';
import * as fleet from './commands/fleet.js';
import * as generate from './commands/generate.js';
import * as netpol from './commands/netpol.js';
import * as pss from './commands/pss.js';
import * as rbac from './commands/rbac.js';
import * as rules from './commands/rules.js';
import * as scan from './commands/scan.js';
import * as serve from './commands/serve.js';
import * as snapshot from './commands/snapshot.js';
import { type CliIo, EXIT_INTERNAL, EXIT_USAGE, UsageError } from './io.js';
import { printError } from './output.js';

/** Command modules, registered in this order; each only parses arguments and calls the library. */
const commandModules: { register(program: Command, io: CliIo): void }[] = [
  scan,
  pss,
  netpol,
  rbac,
  fix,
  rules,
  snapshot,
  fleet,
  serve,
  generate,
];

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

export function processIo(): CliIo {
  return {
    out: quietOnClosedPipe(process.stdout),
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

export function buildProgram(io: CliIo, programName = 'aksguard'): Command {
  const program = new Command(programName)
    .description('Zero-trust security analysis for Azure Kubernetes Service')
    .version(VERSION, '-V, --version')
    // Root options only before the command: `pss check --version v1.30` is the Pod Security version.
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => printError(io, text) });
  for (const module of commandModules) module.register(program, io);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and returns the exit code (DESIGN §6): 0 ok, 1 findings, 2 usage or input error, 3 internal error. */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const io = options.io ?? processIo();
  const program = buildProgram(io, options.programName);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return io.exitCode;
  } catch (error) {
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
