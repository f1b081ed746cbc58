import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../cli/io.js';
import { collect } from '../cli/options.js';
import { ENGINE_NAMES, type EngineChoice } from '../engines/netpol/profiles.js';
import { loadInventory } from '../load/index.js';
import { clusterOfAllObjects } from '../model/scope.js';
import { fixNetpol, type Intent, IntentError, parseIntents } from './netpol.js';

interface FixNetpolOptions {
  filename?: string[];
  intent?: string;
  engine: string;
  namespace: string;
  includeSystem?: boolean;
  output: string;
}

/** `aksguard fix netpol`: registered on the lead's `fix` command. */
export function registerFixNetpol(fixCommand: Command, io: CliIo): void {
  fixCommand
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
    .option('-o, --output <format>', 'yaml or json', 'yaml')
    .action(async (options: FixNetpolOptions) => {
      try {
        await run(options, io);
      } catch (error) {
        if (!(error instanceof UsageError) && !(error instanceof IntentError)) throw error;
        io.err(`aksguard: ${error.message}\n`);
        io.exitCode = EXIT_USAGE;
      }
    });
}

async function run(options: FixNetpolOptions, io: CliIo): Promise<void> {
  const engines = ['auto', ...ENGINE_NAMES];
  if (!engines.includes(options.engine))
    throw new UsageError(`--engine must be one of ${engines.join(', ')}`);
  if (!options.filename?.length) throw new UsageError('give the manifests with -f/--filename PATH');
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
  const inventory = await loadInventory({
    paths: options.filename,
    cwd: io.cwd,
    io,
    defaultNamespace: options.namespace,
  });
  for (const issue of inventory.issues) {
    if (issue.level === 'error')
      io.err(`aksguard: ${issue.file}${issue.line ? `:${issue.line}` : ''}: ${issue.message}\n`);
  }
  const cluster = clusterOfAllObjects(inventory);
  const result = fixNetpol(inventory.objects, {
    engine: options.engine as EngineChoice,
    defaultNamespace: options.namespace,
    intents,
    ...(cluster ? { cluster } : {}),
    ...(options.includeSystem ? { includeSystemNamespaces: true } : {}),
  });
  if (options.output === 'json')
    io.out(
      `${JSON.stringify({ engine: result.engine, policies: result.policies, verification: result.verification, notes: result.notes }, null, 2)}\n`,
    );
  else io.out(result.yaml);
  const v = result.verification;
  io.err(
    `aksguard: ${result.policies.length} policies for engine ${result.engine}; verified: ${v.allowed.length} intended connections allowed, ${v.denied.length} denied, ${v.imdsReachable.length} workloads reaching IMDS\n`,
  );
  for (const note of result.notes) io.err(`aksguard: note: ${note}\n`);
  for (const line of v.denied) io.err(`aksguard: still denied: ${line}\n`);
  for (const line of v.imdsReachable) io.err(`aksguard: still reaches IMDS: ${line}\n`);
  io.exitCode = v.denied.length > 0 || v.imdsReachable.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}
