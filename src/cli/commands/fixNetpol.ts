import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ENGINE_NAMES, type EngineChoice } from '../../engines/netpol/profiles.js';
import { fixNetpol, type Intent, IntentError, parseIntents } from '../../fix/netpol.js';
import { clusterOfAllObjects } from '../../model/scope.js';
import { NETWORK } from '../../rules/inputs.js';
import { type CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../io.js';
import { addLiveOptions, type LiveFlags, loadCommandInventory } from '../live.js';
import { collect } from '../options.js';
import { printError, printText, writeJson } from '../output.js';

interface FixNetpolOptions extends LiveFlags {
  filename?: string[];
  intent?: string;
  engine: string;
  namespace: string;
  includeSystem?: boolean;
  output: string;
}

/** `aksguard fix netpol`: registered on the lead's `fix` command. */
export function registerFixNetpol(fixCommand: Command, io: CliIo): void {
  const command = fixCommand
    .command('netpol')
    .description(
      'default-deny + DNS per namespace, allow policies for --intent, IMDS blocked; verified by the engine',
    )
    .option('-f, --filename <path>', 'manifests: file, folder, or - for stdin (repeatable)', collect)
    .option(
      '--intent <file>',
      'intended connections: connections: [{from: ns/workload|internet|CIDR, to: …, ports: [N/PROTO]}]',
    )
    .option('--engine <engine>', `network policy engine: auto, ${ENGINE_NAMES.join(', ')}`, 'auto')
    .option('-n, --namespace <namespace>', 'namespace of objects that name none', 'default')
    .option('--include-system', 'also cover kube-* and other system namespaces')
    .option('-o, --output <format>', 'yaml or json', 'yaml');
  addLiveOptions(command).action(async (options: FixNetpolOptions) => {
    try {
      await run(options, io);
    } catch (error) {
      if (!(error instanceof UsageError) && !(error instanceof IntentError)) throw error;
      printError(io, `aksguard: ${error.message}\n`);
      io.exitCode = EXIT_USAGE;
    }
  });
}

async function run(options: FixNetpolOptions, io: CliIo): Promise<void> {
  const engines = ['auto', ...ENGINE_NAMES];
  if (!engines.includes(options.engine))
    throw new UsageError(`--engine must be one of ${engines.join(', ')}`);
  let intents: Intent[] = [];
  if (options.intent) {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, options.intent), 'utf8');
    } catch {
      throw new UsageError(`cannot read --intent ${options.intent}`);
    }
    intents = parseIntents(text);
  }
  const { inventory, incomplete } = await loadCommandInventory({
    paths: options.filename ?? [],
    flags: options,
    io,
    inputs: NETWORK,
    defaultNamespace: options.namespace,
    missing: 'give the manifests with -f/--filename PATH, or a live cluster with --context',
  });
  for (const issue of inventory.issues) {
    if (issue.level === 'error')
      printError(io, `aksguard: ${issue.file}${issue.line ? `:${issue.line}` : ''}: ${issue.message}\n`);
  }
  const inputErrors = inventory.issues.some((issue) => issue.level === 'error');
  const cluster = clusterOfAllObjects(inventory);
  const result = fixNetpol(inventory.objects, {
    engine: options.engine as EngineChoice,
    defaultNamespace: options.namespace,
    intents,
    ...(cluster ? { cluster } : {}),
    ...(options.includeSystem ? { includeSystemNamespaces: true } : {}),
  });
  if (options.output === 'json')
    writeJson(
      {
        engine: result.engine,
        policies: result.policies,
        verification: result.verification,
        notes: result.notes,
      },
      io,
    );
  else printText(io, result.yaml);
  const v = result.verification;
  io.err(
    `aksguard: ${result.policies.length} policies for engine ${result.engine}; verified: ${v.allowed.length} intended connections allowed, ${v.denied.length} denied, ${v.imdsReachable.length} workloads reaching IMDS\n`,
  );
  for (const note of result.notes) printError(io, `aksguard: note: ${note}\n`);
  for (const line of v.denied) printError(io, `aksguard: still denied: ${line}\n`);
  for (const line of v.imdsReachable) printError(io, `aksguard: still reaches IMDS: ${line}\n`);
  // An input that does not parse is exit 2 (DESIGN §6), before any verdict.
  io.exitCode =
    inputErrors || incomplete
      ? EXIT_USAGE
      : v.denied.length > 0 || v.imdsReachable.length > 0
        ? EXIT_FINDINGS
        : EXIT_OK;
}
