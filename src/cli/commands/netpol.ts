import type { Command } from 'commander';
import { checkSetting } from '../../config/validate.js';
import { connectionLines, mergeAdjacentExternals } from '../../engines/netpol/format.js';
import {
  analyzeInventory,
  compareEngines,
  DEFAULT_MAX_PAIRS,
  diffConnections,
  ENGINE_NAMES,
  type Endpoint,
  type EngineChoice,
  type EngineName,
  endpointName,
  explainChunks,
  formatDiffTxt,
  gaps,
  LIST_FORMATS,
  type ListFormat,
  type NetpolAnalysis,
  parsePortQuery,
  query,
  resolveEndpoints,
} from '../../engines/netpol/index.js';
import { connectionListChunks } from '../../engines/netpol/listStream.js';
import { releasePositions } from '../../load/document.js';
import type { Inventory, LoadIssue } from '../../model/inventory.js';
import { type K8sObject, locateIn } from '../../model/k8s.js';
import { formatPath } from '../../model/source.js';
import { connectivityView } from '../../report/html/connectivity.js';
import { connectionDiffView, engineDiffView } from '../../report/html/diffGraph.js';
import { netpolDiffHtml, netpolListHtml } from '../../report/html/views.js';
import { linesOf } from '../../report/stream.js';
import { NETWORK } from '../../rules/inputs.js';
import { type CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../io.js';
import { addLiveOptions, type LiveFlags, loadCommandInventory } from '../live.js';
import { collect, type RenderFlags, renderSettingsOf, withRenderOptions } from '../options.js';
import { printError, printText, writeDocument, writeJson, writeRenderedText, writeText } from '../output.js';

interface InputOptions extends RenderFlags, LiveFlags {
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
  const badVersion =
    options.k8sVersion === undefined ? undefined : checkSetting('k8sVersion', options.k8sVersion);
  if (badVersion) throw new UsageError(`--k8s-version ${badVersion} (got "${options.k8sVersion}")`);
  // A live read is cluster-wide: reachability crosses namespaces.
  const loaded = await loadCommandInventory({
    paths,
    flags: options,
    io,
    render: renderSettingsOf(options, options.namespace, options.k8sVersion),
    inputs: NETWORK,
    defaultNamespace: options.namespace,
    ...(options.exclude ? { exclude: options.exclude } : {}),
    missing:
      'give the manifests with -f/--filename PATH (repeatable, - for stdin), or a live cluster with --context',
  });
  const inventory = loaded.inventory;
  if (loaded.incomplete) incomplete.add(inventory);
  for (const issue of inventory.issues)
    if (issue.level === 'error') printError(io, `aksguard: ${describeIssue(issue)}\n`);
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
      printError(
        io,
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
  return withRenderOptions(addLiveOptions(command))
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
    printError(io, `aksguard: ${error.message}\n`);
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
  outputFile?: string;
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
    if (options.output === 'html')
      writeDocument(
        io,
        options.outputFile,
        netpolDiffHtml('netpol list --compare-engines', engineDiffView(engines, diffs)),
      );
    else if (options.output === 'json') writeJson({ engines, differences: diffs }, io);
    else {
      printText(io, `Verdicts that differ between ${engines.join(', ')}: ${diffs.length}\n`);
      for (const d of diffs) {
        printText(io, `${d.source} => ${d.destination}\n`);
        for (const engine of engines) printText(io, `    ${engine.padEnd(16)}${d.verdicts[engine]}\n`);
      }
    }
    io.exitCode = hasLoadErrors(inventory) ? EXIT_USAGE : EXIT_OK;
    return;
  }
  const format = (options.output ?? 'txt') as ListFormat | 'html';
  if (format !== 'html' && !LIST_FORMATS.includes(format))
    throw new UsageError(`-o must be one of ${LIST_FORMATS.join(', ')}, html`);
  const analysis = analyse(inventory, options, io);
  if (format === 'html') {
    const lines = connectionLines(
      analysis.engine === 'netpol-analyzer'
        ? analysis.connections()
        : mergeAdjacentExternals(analysis.connections()),
    );
    writeDocument(io, options.outputFile, netpolListHtml(connectivityView(analysis), lines));
    io.exitCode = hasLoadErrors(inventory) ? EXIT_USAGE : EXIT_OK;
    return;
  }
  // Nothing is located from here on (analyse reported the invalid policies): the position tables can go.
  releasePositions(inventory.objects);
  // netpol-analyzer prints every disjoint block; the AKS engines join adjacent blocks alike for reading.
  // Written source by source, never as one list of every connection.
  // Names from input are escaped as they are rendered (once per name): no second pass over the whole text.
  writeRenderedText(
    connectionListChunks(analysis, format, { merge: analysis.engine !== 'netpol-analyzer' }),
    io,
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
    writeJson(
      {
        allowed: result.allowed,
        engine: result.engine,
        port: result.port,
        egress: first?.egress,
        ingress: first?.ingress,
        pairs: result.pairs,
      },
      io,
    );
  } else {
    for (const pair of result.pairs) {
      printText(
        io,
        `${pair.source} => ${pair.destination}${result.port ? ` on ${result.port}` : ''}: ${pair.allowed ? 'allowed' : 'DENIED'}\n`,
      );
      if (!result.port) printText(io, `  connections: ${pair.connections}\n`);
      for (const [label, side] of [
        ['egress', pair.egress],
        ['ingress', pair.ingress],
      ] as const) {
        if (side.allowed) printText(io, `  ${label}: allowed by ${side.allowedBy.join('; ')}\n`);
        else printText(io, `  ${label}: denied: ${side.deniedBecause}\n`);
      }
    }
    printText(io, `engine: ${analysis.engine} (${analysis.engineWhy})\n`);
  }
  io.exitCode = hasLoadErrors(inventory) ? EXIT_USAGE : result.allowed ? EXIT_OK : EXIT_FINDINGS;
}

interface ExplainOptions extends InputOptions {
  focus?: string;
  maxPairs?: string;
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
  const maxPairs = options.maxPairs === undefined ? DEFAULT_MAX_PAIRS : Number(options.maxPairs);
  if (!Number.isSafeInteger(maxPairs) || maxPairs < 0)
    throw new UsageError(`--max-pairs must be a whole number (got "${options.maxPairs}")`);
  writeText(explainChunks(analysis, { ...(focus ? { focus } : {}), maxPairs }), 'txt', io);
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
    writeJson(
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
      io,
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
    writeText(linesOf(out), 'text', io);
  }
  io.exitCode = hasLoadErrors(inventory) ? EXIT_USAGE : count > 0 ? EXIT_FINDINGS : EXIT_OK;
}

interface DiffOptions extends RenderFlags {
  engine: string;
  namespace: string;
  output?: string;
  outputFile?: string;
}

async function diff(before: string, after: string, options: DiffOptions, io: CliIo): Promise<void> {
  const inputs: InputOptions = { ...options, engine: options.engine, namespace: options.namespace };
  const a = await load([before], inputs, io);
  const b = await load([after], inputs, io);
  const diffs = diffConnections(a.objects, b.objects, {
    engine: engineOf(options.engine),
    defaultNamespace: options.namespace,
  });
  switch (options.output ?? 'txt') {
    case 'txt':
      printText(io, formatDiffTxt(diffs));
      break;
    case 'html':
      writeDocument(io, options.outputFile, netpolDiffHtml('netpol diff', connectionDiffView(diffs)));
      break;
    case 'json':
      writeJson(diffs, io);
      break;
    case 'csv':
      printText(
        io,
        `${['diff-type,source,destination,ref1,ref2', ...diffs.map((d) => [d.type, d.source, d.destination, d.before, d.after].map((v) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','))].join('\n')}\n`,
      );
      break;
    case 'md':
      printText(
        io,
        `${['| diff-type | source | destination | ref1 | ref2 |', '|-----------|--------|-------------|------|------|', ...diffs.map((d) => `| ${d.type} | ${d.source} | ${d.destination} | ${d.before} | ${d.after} |`)].join('\n')}\n`,
      );
      break;
    default:
      throw new UsageError('-o must be txt, json, csv, md or html');
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
    .option('-o, --output <format>', `output: ${LIST_FORMATS.join(', ')}, html`, 'txt')
    .option('--output-file <file>', 'write the HTML report (-o html) to this file')
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
    .option(
      '--max-pairs <n>',
      `explain at most this many pairs and count the rest (default ${DEFAULT_MAX_PAIRS})`,
    )
    .action((options: ExplainOptions) => guard(io, () => explain(options, io)));

  withInputs(
    netpol
      .command('gaps')
      .description('zero-trust gaps: default-deny, unprotected workloads, IMDS, open databases'),
  )
    .option('-o, --output <format>', 'text or json', 'text')
    .action((options: GapsOptions) => guard(io, () => runGaps(options, io)));

  withRenderOptions(netpol.command('diff'))
    .description('connections added, removed or changed between two versions of the manifests')
    .argument('<old>', 'file or folder: the old version')
    .argument('<new>', 'file or folder: the new version')
    .option('--engine <engine>', `network policy engine: ${ENGINE_CHOICES.join(', ')}`, 'spec')
    .option('-n, --namespace <namespace>', 'namespace of objects that name none', 'default')
    .option('-o, --output <format>', 'txt, json, csv, md or html', 'txt')
    .option('--output-file <file>', 'write the HTML report (-o html) to this file')
    .action((before: string, after: string, options: DiffOptions) =>
      guard(io, () => diff(before, after, options, io)),
    );
}
