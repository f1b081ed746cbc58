import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config.js';
import { VERSION } from '../version.js';
import * as fix from './commands/fix.js';
import * as fleet from './commands/fleet.js';
import * as netpol from './commands/netpol.js';
import * as pss from './commands/pss.js';
import * as rbac from './commands/rbac.js';
import * as rules from './commands/rules.js';
import * as scan from './commands/scan.js';
import * as snapshot from './commands/snapshot.js';
import { type CliIo, EXIT_INTERNAL, EXIT_USAGE, UsageError } from './io.js';

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
];

export interface MainOptions {
  programName?: string;
  io?: CliIo;
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
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
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) });
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
      io.err(`aksguard: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.err(
      `aksguard: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT_INTERNAL;
  }
}
