import type { Command } from 'commander';
import {
  analyzeInventory,
  compareEngines,
  diffConnections,
  ENGINE_NAMES,
  type Endpoint,
  type EngineChoice,
  type EngineName,
  endpointName,
  explainAll,
  formatConnections,
  formatDiffTxt,
  gaps,
  LIST_FORMATS,
  type ListFormat,
  mergeAdjacentExternals,
  type NetpolAnalysis,
  parsePortQuery,
  query,
  resolveEndpoints,
} from '../../engines/netpol/index.js';
import type { Inventory, LoadIssue } from '../../model/inventory.js';
import { type K8sObject, locateIn } from '../../model/k8s.js';
import { formatPath } from '../../model/source.js';
import { NETWORK } from '../../rules/inputs.js';
import { type CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../io.js';
import { addLiveOptions, type LiveFlags, loadCommandInventory } from '../live.js';
import { collect } from '../options.js';

interface InputOptions extends LiveFlags {
  filename?: string[];
  engine: string;
  namespace: string;
  exclude?: string[];
  k8sVersion?: string;
  apiServer?: string[];
}

const ENGINE_CHOICES = ['auto', ...ENGINE_NAMES];

function engineOf(value: string): EngineChoice {
  if (!ENGINE_CHOICES.includes(value)) {
    throw new UsageError(`--engine must be one of ${ENGINE_CHOICES.join(', ')} (got "${value}")`);
  }
  return value as EngineChoice;
}

function describeIssue(issue: LoadIssue): string {
  return `${issue.file}${issue.line !== undefined ? `:${issue.line}` : ''}: ${issue.message}`;
}

/** Inventories a live source could not fully read (the answer may be wrong: exit 2). */
const incomplete = new WeakSet<Inventory>();

async function load(paths: readonly string[], options: InputOptions, io: CliIo): Promise<Inventory> {
  // A live read is cluster-wide: reachability crosses namespaces.
  const loaded = await loadCommandInventory({
    paths,
    flags: options,
    io,
    inputs: NETWORK,
    defaultNamespace: options.namespace,
    ...(options.exclude ? { exclude: options.exclude } : {}),
    missing:
      'give the manifests with -f/--filename PATH (repeatable, - for stdin), or a live cluster with --context',
  });
  const inventory = loaded.inventory;
  if (loaded.incomplete) incomplete.add(inventory);
  for (const issue of inventory.issues)
    if (issue.level === 'error') io.err(`aksguard: ${describeIssue(issue)}\n`);
  return inventory;
}

function analyse(inventory: Inventory, options: InputOptions, io: CliIo): NetpolAnalysis<K8sObject> {
  const analysis = analyzeInventory(inventory, {
    engine: engineOf(options.engine),
    defaultNamespace: options.namespace,
    ...(options.k8sVersion ? { k8sVersion: options.k8sVersion } : {}),
    ...(options.apiServer ? { apiServerCidrs: cidrsOf(options.apiServer) } : {}),
  });
  for (const invalid of analysis.invalid) {
    for (const problem of invalid.problems) {
      const at = locateIn(invalid.object, ['spec', ...problem.path.slice(1)]);
      io.err(
        `aksguard: ${at.file}:${at.line}: NetworkPolicy ${invalid.namespace}/${invalid.name} is invalid and not applied: ${formatPath(problem.path)}: ${problem.message}\n`,
      );
    }
  }
  return analysis;
}

/** `10.0.0.1` → `10.0.0.1/32`; CIDRs as given. Rejects anything else. */
function cidrsOf(values: readonly string[]): string[] {
  return values.map((value) => {
    const cidr = value.includes('/') ? value : `${value}/32`;
    if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr))
      throw new UsageError(`--api-server ${value}: not an IPv4 address or CIDR`);
    return cidr;
  });
}

function hasLoadErrors(inventory: Inventory): boolean {
  return incomplete.has(inventory) || inventory.issues.some((issue) => issue.level === 'error');
}

function withInputs(command: Command): Command {
  return addLiveOptions(command)
    .option('-f, --filename <path>', 'manifests: file, folder, or - for stdin (repeatable)', collect)
    .option('--engine <engine>', `network policy engine: ${ENGINE_CHOICES.join(', ')}`, 'auto')
    .option('-n, --namespace <namespace>', 'namespace of objects that name none', 'default')
    .option(
      '--k8s-version <version>',
      'Kubernetes version of the cluster (engine features that depend on it)',
    )
    .option(
      '--api-server <cidr>',
      'API server address or CIDR, named as its own external block (repeatable)',
      collect,
    )
    .option('--exclude <glob...>', 'paths to leave out');
}

function guard(io: CliIo, action: () => Promise<void>): Promise<void> {
  return action().catch((error: unknown) => {
    if (!(error instanceof UsageError)) throw error;
    io.err(`aksguard: ${error.message}\n`);
    io.exitCode = EXIT_USAGE;
  });
}

function parseEngineList(value: string | boolean | undefined): EngineName[] {
  if (value === undefined || value === true) return ['azure', 'calico', 'cilium'];
  const names = String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(ENGINE_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(
        `--compare-engines takes a comma list of ${ENGINE_NAMES.join(', ')} (got "${name}")`,
      );
    }
  }
  if (names.length < 2) throw new UsageError('--compare-engines needs at least two engines');
  return names as EngineName[];
}

interface ListOptions extends InputOptions {
  output?: string;
  compareEngines?: string | boolean;
}

async function list(options: ListOptions, io: CliIo): Promise<void> {
  const inventory = await load(options.filename ?? [], options, io);
  if (options.compareEngines !== undefined) {
    const engines = parseEngineList(options.compareEngines);
    const diffs = compareEngines(inventory.objects, engines, {
      defaultNamespace: options.namespace,
      ...(options.k8sVersion ? { k8sVersion: options.k8sVersion } : {}),
    });
    if (options.output === 'json') io.out(`${JSON.stringify({ engines, differences: diffs }, null, 2)}\n`);
    else {
      io.out(`Verdicts that differ between ${engines.join(', ')}: ${diffs.length}\n`);
      for (const d of diffs) {
        io.out(`${d.source} => ${d.destination}\n`);
        for (const engine of engines) io.out(`    ${engine.padEnd(16)}${d.verdicts[engine]}\n`);
      }
    }
    io.exitCode = hasLoadErrors(inventory) ? EXIT_USAGE : EXIT_OK;
    return;
  }
  const format = (options.output ?? 'txt') as ListFormat;
  if (!LIST_FORMATS.includes(format)) throw new UsageError(`-o must be one of ${LIST_FORMATS.join(', ')}`);
  const analysis = analyse(inventory, options, io);
  const connections = analysis.connections();
  // netpol-analyzer prints every disjoint block; the AKS engines join adjacent blocks alike for reading.
  io.out(
    formatConnections(
      analysis.engine === 'netpol-analyzer'
        ? connections
        : mergeAdjacentExternals(connections, { keepSpecials: format === 'json' }),
      format,
    ),
  );
  io.exitCode = hasLoadErrors(inventory) ? EXIT_USAGE : EXIT_OK;
}

interface QueryOptions extends InputOptions {
  from: string;
  to: string;
  port?: string;
  output?: string;
}

async function runQuery(options: QueryOptions, io: CliIo): Promise<void> {
  const port = options.port === undefined ? undefined : parsePortQuery(options.port);
  if (options.port !== undefined && !port)
    throw new UsageError(`--port must be N or N/PROTOCOL (got "${options.port}")`);
  const inventory = await load(options.filename ?? [], options, io);
  const extraCidrs = [options.from, options.to].filter((text) => /^[\d.]+(\/\d+)?$/.test(text));
  const analysis = analyzeInventory(inventory, {
    engine: engineOf(options.engine),
    defaultNamespace: options.namespace,
    extraCidrs: extraCidrs.map((text) => (text.includes('/') ? text : `${text}/32`)),
    ...(options.k8sVersion ? { k8sVersion: options.k8sVersion } : {}),
  });
  const sources = resolveEndpoints(analysis, options.from, 'source');
  const destinations = resolveEndpoints(analysis, options.to, 'destination');
  if (sources.length === 0) throw new UsageError(`--from ${options.from}: no such workload or address`);
  if (destinations.length === 0) throw new UsageError(`--to ${options.to}: no such workload or address`);
  const result = query(analysis, sources, destinations, port);
  if (options.output === 'json') {
    const first = result.pairs[0];
    io.out(
      `${JSON.stringify(
        {
          allowed: result.allowed,
          engine: result.engine,
          port: result.port,
          egress: first?.egress,
          ingress: first?.ingress,
          pairs: result.pairs,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    for (const pair of result.pairs) {
      io.out(
        `${pair.source} => ${pair.destination}${result.port ? ` on ${result.port}` : ''}: ${pair.allowed ? 'allowed' : 'DENIED'}\n`,
      );
      if (!result.port) io.out(`  connections: ${pair.connections}\n`);
      for (const [label, side] of [
        ['egress', pair.egress],
        ['ingress', pair.ingress],
      ] as const) {
        if (side.allowed) io.out(`  ${label}: allowed by ${side.allowedBy.join('; ')}\n`);
        else io.out(`  ${label}: denied: ${side.deniedBecause}\n`);
      }
    }
    io.out(`engine: ${analysis.engine} (${analysis.engineWhy})\n`);
  }
  io.exitCode = hasLoadErrors(inventory) ? EXIT_USAGE : result.allowed ? EXIT_OK : EXIT_FINDINGS;
}

interface ExplainOptions extends InputOptions {
  focus?: string;
}

async function explain(options: ExplainOptions, io: CliIo): Promise<void> {
  const inventory = await load(options.filename ?? [], options, io);
  const analysis = analyse(inventory, options, io);
  let focus: ((e: Endpoint<K8sObject>) => boolean) | undefined;
  if (options.focus) {
    const chosen = new Set(resolveEndpoints(analysis, options.focus, 'destination'));
    if (chosen.size === 0) throw new UsageError(`--focus ${options.focus}: no such workload`);
    focus = (e) => chosen.has(e);
  }
  io.out(explainAll(analysis, focus));
  io.exitCode = hasLoadErrors(inventory) ? EXIT_USAGE : EXIT_OK;
}

interface GapsOptions extends InputOptions {
  output?: string;
}

async function runGaps(options: GapsOptions, io: CliIo): Promise<void> {
  const inventory = await load(options.filename ?? [], options, io);
  const analysis = analyse(inventory, options, io);
  const report = gaps(analysis);
  const count =
    report.noDefaultDeny.length +
    report.unprotected.length +
    report.imdsReachable.length +
    report.dbWideOpen.length +
    report.noEffect.length +
    report.invalid.length;
  if (options.output === 'json') {
    io.out(
      `${JSON.stringify(
        {
          engine: report.engine,
          noDefaultDeny: report.noDefaultDeny,
          unprotected: report.unprotected.map((g) => ({
            workload: endpointName(g.workload),
            direction: g.direction,
            note: g.note,
          })),
          imdsReachable: report.imdsReachable.map((g) => ({
            workload: endpointName(g.workload),
            connections: g.connections,
          })),
          dbWideOpen: report.dbWideOpen.map((g) => ({
            workload: endpointName(g.workload),
            port: `${g.port}/${g.protocol}`,
            from: g.from,
            policies: g.policies.map((p) => `${p.namespace}/${p.name}`),
          })),
          noEffect: report.noEffect.map((p) => `${p.namespace}/${p.name}`),
          invalid: report.invalid.map((p) => ({ policy: `${p.namespace}/${p.name}`, problems: p.problems })),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const out: string[] = [`engine: ${analysis.engine} (${analysis.engineWhy})`];
    const section = (title: string, lines: string[]) => {
      out.push('', `${title} (${lines.length})`, ...lines.map((l) => `  ${l}`));
    };
    section(
      'Namespaces without a default-deny policy',
      report.noDefaultDeny.map((g) => `${g.namespace}: ${g.direction}`),
    );
    section(
      'Workloads no policy protects',
      report.unprotected.map(
        (g) => `${endpointName(g.workload)}: ${g.direction}${g.note ? ` (${g.note})` : ''}`,
      ),
    );
    section(
      'Workloads that can reach IMDS 169.254.169.254',
      report.imdsReachable.map((g) => `${endpointName(g.workload)}: ${g.connections}`),
    );
    section(
      'Database ports open beyond their clients',
      report.dbWideOpen.map(
        (g) => `${endpointName(g.workload)} ${g.protocol} ${g.port}: from ${g.from.join(', ')}`,
      ),
    );
    section(
      'Policies that select nothing',
      report.noEffect.map((p) => `${p.namespace}/${p.name}`),
    );
    section(
      'Invalid policies (not applied)',
      report.invalid.map(
        (p) =>
          `${p.namespace}/${p.name}: ${p.problems.map((x) => `${formatPath(x.path)}: ${x.message}`).join('; ')}`,
      ),
    );
    io.out(`${out.join('\n')}\n`);
  }
  io.exitCode = hasLoadErrors(inventory) ? EXIT_USAGE : count > 0 ? EXIT_FINDINGS : EXIT_OK;
}

interface DiffOptions {
  engine: string;
  namespace: string;
  output?: string;
}

async function diff(before: string, after: string, options: DiffOptions, io: CliIo): Promise<void> {
  const inputs: InputOptions = { engine: options.engine, namespace: options.namespace };
  const a = await load([before], inputs, io);
  const b = await load([after], inputs, io);
  const diffs = diffConnections(a.objects, b.objects, {
    engine: engineOf(options.engine),
    defaultNamespace: options.namespace,
  });
  switch (options.output ?? 'txt') {
    case 'txt':
      io.out(formatDiffTxt(diffs));
      break;
    case 'json':
      io.out(`${JSON.stringify(diffs, null, 2)}\n`);
      break;
    case 'csv':
      io.out(
        `${['diff-type,source,destination,ref1,ref2', ...diffs.map((d) => [d.type, d.source, d.destination, d.before, d.after].map((v) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','))].join('\n')}\n`,
      );
      break;
    case 'md':
      io.out(
        `${['| diff-type | source | destination | ref1 | ref2 |', '|-----------|--------|-------------|------|------|', ...diffs.map((d) => `| ${d.type} | ${d.source} | ${d.destination} | ${d.before} | ${d.after} |`)].join('\n')}\n`,
      );
      break;
    default:
      throw new UsageError('-o must be txt, json, csv or md');
  }
  io.exitCode = hasLoadErrors(a) || hasLoadErrors(b) ? EXIT_USAGE : EXIT_OK;
}

/** `aksguard netpol list|query|explain|gaps|diff`: who can talk to whom, per network-policy engine. */
export function register(program: Command, io: CliIo): void {
  const netpol = program
    .command('netpol')
    .description('NetworkPolicy connectivity: exact semantics per AKS network-policy engine');

  withInputs(
    netpol
      .command('list')
      .description('every allowed connection (txt is netpol-analyzer connlist compatible)'),
  )
    .option('-o, --output <format>', `output: ${LIST_FORMATS.join(', ')}`, 'txt')
    .option(
      '--compare-engines [engines]',
      'list the verdicts that differ between engines (default azure,calico,cilium)',
    )
    .action((options: ListOptions) => guard(io, () => list(options, io)));

  withInputs(netpol.command('query').description('may --from talk to --to? exit 0 allowed, 1 denied'))
    .requiredOption('--from <endpoint>', 'source: ns/workload, ns/workload[Kind], workload, IP or CIDR')
    .requiredOption('--to <endpoint>', 'destination: ns/workload, ns/workload[Kind], workload, IP or CIDR')
    .option('--port <port>', 'N or N/PROTOCOL (TCP, UDP, SCTP); default: any connection')
    .option('-o, --output <format>', 'text or json', 'text')
    .action((options: QueryOptions) => guard(io, () => runQuery(options, io)));

  withInputs(netpol.command('explain').description('for each pair, which rules allow and which side denies'))
    .option('--focus <workload>', 'only pairs with this workload')
    .action((options: ExplainOptions) => guard(io, () => explain(options, io)));

  withInputs(
    netpol
      .command('gaps')
      .description('zero-trust gaps: default-deny, unprotected workloads, IMDS, open databases'),
  )
    .option('-o, --output <format>', 'text or json', 'text')
    .action((options: GapsOptions) => guard(io, () => runGaps(options, io)));

  netpol
    .command('diff')
    .description('connections added, removed or changed between two versions of the manifests')
    .argument('<old>', 'file or folder: the old version')
    .argument('<new>', 'file or folder: the new version')
    .option('--engine <engine>', `network policy engine: ${ENGINE_CHOICES.join(', ')}`, 'spec')
    .option('-n, --namespace <namespace>', 'namespace of objects that name none', 'default')
    .option('-o, --output <format>', 'txt, json, csv or md', 'txt')
    .action((before: string, after: string, options: DiffOptions) =>
      guard(io, () => diff(before, after, options, io)),
    );
}
