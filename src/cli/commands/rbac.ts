import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type AzureRbac, azureRbacFromFile, azureRbacFromList } from '../../engines/rbac/azure.js';
import { azureFindings } from '../../engines/rbac/azureFindings.js';
import type { RbacEngine } from '../../engines/rbac/engine.js';
import { EscalationGraph, type Goal, identityOf } from '../../engines/rbac/escalation.js';
import {
  escalationContextFromInventory,
  type RbacOrigin,
  rbacEngineFromInventory,
} from '../../engines/rbac/fromInventory.js';
import { accessMatrix, MATRIX_VERBS, permissions } from '../../engines/rbac/permissions.js';
import {
  decisionJson,
  impersonatedUser,
  NameMap,
  parseSubject,
  parseTarget,
  pathJson,
  permissionsJson,
  type SubjectArg,
  subjectId,
  whoCanJson,
} from '../../engines/rbac/query.js';
import { parseK8sVersion } from '../../engines/rbac/version.js';
import { whoCan } from '../../engines/rbac/whoCan.js';
import type { Inventory } from '../../model/inventory.js';
import { escapeControl } from '../../report/escape.js';
import { rbacPathsHtml } from '../../report/html/views.js';
import { RBAC_ESCALATION } from '../../rules/inputs.js';
import { type CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../io.js';
import { addLiveOptions, type LiveFlags, loadCommandInventory } from '../live.js';
import { collect, type RenderFlags, renderSettingsOf, withRenderOptions } from '../options.js';
import { printError, printText, writeDocument, writeJson, writeText } from '../output.js';

interface CommonOptions extends RenderFlags, LiveFlags {
  filename?: string[];
  output?: string;
  k8sVersion?: string;
  names?: string;
  azureRoleAssignments?: string;
}

interface Loaded {
  inventory: Inventory;
  engine: RbacEngine<RbacOrigin>;
  names?: NameMap;
  azure?: AzureRbac;
  format: 'table' | 'json' | 'html';
}

function common(command: Command): Command {
  // `-n` and `-A` are the request's namespace here (as kubectl auth can-i); a live read is always cluster-wide.
  return withRenderOptions(addLiveOptions(command, { allNamespaces: false }))
    .option('-f, --filename <path>', 'manifests to read (file, folder, - for stdin); repeatable', collect)
    .option('-o, --output <format>', 'table or json (default: table on a terminal, json otherwise)')
    .option('--k8s-version <version>', 'cluster Kubernetes version (e.g. 1.34); default latest')
    .option(
      '--names <file>',
      'JSON map of Entra object IDs to names ({"id": "name"} or az ad ... list output)',
    )
    .option(
      '--azure-role-assignments <file>',
      'JSON of `az role assignment list --all`: adds Azure RBAC for Kubernetes authorization',
    );
}

async function load(options: CommonOptions, io: CliIo, html = false): Promise<Loaded> {
  const files = options.filename ?? [];
  const format = options.output ?? (io.stdoutIsTTY ? 'table' : 'json');
  if (format !== 'table' && format !== 'json' && !(html && format === 'html'))
    throw new UsageError(`-o must be table${html ? ', json or html' : ' or json'}, not "${format}"`);
  try {
    parseK8sVersion(options.k8sVersion);
  } catch (error) {
    throw new UsageError(`--k8s-version: ${(error as Error).message}`);
  }
  const { inventory, incomplete } = await loadCommandInventory({
    paths: files,
    flags: options,
    io,
    render: renderSettingsOf(options, 'default', options.k8sVersion),
    inputs: RBAC_ESCALATION,
    defaultNamespace: 'default',
    missing: 'give the RBAC inputs with -f/--filename (file, folder or -), or a live cluster with --context',
  });
  // An answer computed from inputs that did not parse, or without some of the objects, may be wrong: exit 2.
  if (incomplete || inventory.issues.some((issue) => issue.level === 'error')) inputErrors.add(io);
  for (const issue of inventory.issues.filter((i) => i.level === 'error'))
    printError(
      io,
      `aksguard: ${issue.file}${issue.line !== undefined ? `:${issue.line}` : ''}: ${issue.message}\n`,
    );
  const engineOptions = options.k8sVersion !== undefined ? { k8sVersion: options.k8sVersion } : {};
  const engine = rbacEngineFromInventory(inventory, engineOptions);
  for (const issue of engine.issues) {
    const origin = issue.origin as { location?: { file: string; line: number } } | undefined;
    const where = origin?.location ? `${origin.location.file}:${origin.location.line}: ` : '';
    printError(io, `aksguard: warning: ${where}${issue.object}: ${issue.message}\n`);
  }
  const loaded: Loaded = { inventory, engine, format };
  if (options.names) loaded.names = NameMap.parse(await readText(options.names, io), options.names);
  if (!options.azureRoleAssignments && inventory.roleAssignments) {
    // Read live with --azure-cluster: the assignments at the cluster's scope.
    loaded.azure = azureRbacFromList(
      inventory.roleAssignments.assignments,
      inventory.roleAssignments.source,
      inventory.clusters[0],
    );
  }
  if (options.azureRoleAssignments) {
    const file = options.azureRoleAssignments;
    try {
      loaded.azure = azureRbacFromFile(await readText(file, io), file, inventory.clusters[0]);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  return loaded;
}

async function readText(file: string, io: CliIo): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

function subjectOf(arg: string, names?: NameMap): SubjectArg {
  try {
    const subject = parseSubject(arg);
    if (names && subject.kind !== 'ServiceAccount') subject.name = names.resolve(subject.name);
    return subject;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Aligned columns, line by line (a loop, not Math.max(...rows): 100,000 rows would overflow the stack). Cells are
 * one line each: a newline or escape sequence in a name from input is shown escaped.
 */
function* table(input: string[][]): Generator<string> {
  const rows = input.map((row) => row.map(escapeControl));
  const widths = rows[0]!.map(() => 0);
  for (const row of rows)
    for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, (row[i] ?? '').length);
  for (const r of rows)
    yield `${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}\n`;
}

/** `aksguard rbac can-i|who-can|permissions|paths`: the exact Kubernetes RBAC authorizer over manifests. */
/** Runs whose inputs had errors: whatever the answer, the command ends with exit 2 (DESIGN §6). */
const inputErrors = new WeakSet<CliIo>();

export function register(program: Command, io: CliIo): void {
  const rbac = program
    .command('rbac')
    .description('who can do what: the exact Kubernetes RBAC authorizer, offline')
    .hook('postAction', () => {
      if (inputErrors.has(io)) io.exitCode = EXIT_USAGE;
    });

  common(
    rbac
      .command('can-i')
      .description('whether a user may perform an action (exit 0 yes, 1 no), with the reason')
      .argument('<verb>', 'verb: get, list, create, impersonate, bind, ...')
      .argument('<target>', 'TYPE[/NAME] (pods, deployments.apps/web, *) or /URL')
      .option('--subresource <sub>', 'subresource, e.g. exec, log, token')
      .option('-n, --namespace <ns>', 'namespace of the request', 'default')
      .option('-A, --all-namespaces', 'ask at cluster scope (no namespace)')
      .option('--as <user>', 'username (UPN on Entra clusters)')
      .option('--as-group <group>', 'group (Entra group object ID); repeatable', collect)
      .option('--as-sa <ns:name>', 'a ServiceAccount, as NAMESPACE:NAME'),
  ).action(async (verb: string, target: string, options: CommonOptions & CanIOptions) => {
    const loaded = await load(options, io);
    const user = canIUser(options, loaded.names);
    const parsed = parseTarget(verb, target, options.subresource);
    if (!parsed.known)
      printError(io, `aksguard: warning: resource type "${target.split('/')[0]}" is not a built-in type\n`);
    const namespace = options.allNamespaces || !parsed.namespaced ? '' : options.namespace;
    const request = { ...parsed.request, ...(parsed.request.path === undefined ? { namespace } : {}) };
    let decision = loaded.engine.authorize({ ...request, user: user.name, groups: user.groups });
    const azure = !decision.allowed && loaded.azure ? loaded.azure.authorize(user, request) : undefined;
    if (azure?.allowed) decision = { allowed: true, reason: azure.reason, errors: [] };
    if (loaded.format === 'json') writeJson(decisionJson(decision), io);
    else
      printText(io, `${decision.allowed ? 'yes' : 'no'}${decision.reason ? ` - ${decision.reason}` : ''}\n`);
    io.exitCode = decision.allowed ? EXIT_OK : EXIT_FINDINGS;
  });

  common(
    rbac
      .command('who-can')
      .description('every subject allowed an action, each with its binding → role → rule chain')
      .argument('<verb>', 'verb')
      .argument('<target>', 'TYPE[/NAME] or /URL')
      .option('--subresource <sub>', 'subresource')
      .option('-n, --namespace <ns>', 'namespace of the request (default: cluster-wide grants only)')
      .option('-A, --all-namespaces', 'include the RoleBindings of every namespace'),
  ).action(async (verb: string, target: string, options: CommonOptions & WhoCanOptions) => {
    const loaded = await load(options, io);
    const parsed = parseTarget(verb, target, options.subresource);
    if (!parsed.known)
      printError(io, `aksguard: warning: resource type "${target.split('/')[0]}" is not a built-in type\n`);
    const namespace = parsed.namespaced ? (options.namespace ?? '') : '';
    const request = { ...parsed.request, ...(parsed.request.path === undefined ? { namespace } : {}) };
    const subjects = whoCan(loaded.engine, request, { allNamespaces: Boolean(options.allNamespaces) });
    const json = whoCanJson(subjects, loaded.names);
    const azure = loaded.azure?.whoCan(request) ?? [];
    if (loaded.format === 'json') {
      writeJson(azure.length ? { ...json, azure } : json, io);
      return;
    }
    const rows = [['KIND', 'NAME', 'NAMESPACE', 'VIA']];
    for (const s of subjects) {
      const via = s.privileged
        ? 'privileged group (bypasses RBAC)'
        : s.via
            .map(
              (v) =>
                `${v.binding.kind} ${v.binding.namespace ? `${v.binding.namespace}/` : ''}${v.binding.name} → ${v.binding.roleRef.kind} ${v.binding.roleRef.name}`,
            )
            .join(', ');
      rows.push([s.kind, loaded.names ? loaded.names.display(s.name) : s.name, s.namespace ?? '', via]);
    }
    for (const a of azure)
      rows.push([
        a.principalType,
        loaded.names ? loaded.names.display(a.principalId) : a.principalId,
        '',
        `Azure role "${a.role}" at ${a.scope}`,
      ]);
    writeText(table(rows), 'table', io);
  });

  common(
    rbac
      .command('permissions')
      .description('everything a subject may do, per scope, with the binding and role of each rule')
      .argument('<subject>', 'User:NAME, Group:NAME, ServiceAccount:NS:NAME, or a user name')
      .option('--as-group <group>', 'extra group of the user; repeatable', collect)
      .option('--matrix', 'print a verb × resource access matrix (rakkess style) instead')
      .option('-n, --namespace <ns>', 'namespace of the matrix', 'default'),
  ).action(async (subjectArg: string, options: CommonOptions & PermissionsOptions) => {
    const loaded = await load(options, io);
    const subject = subjectOf(subjectArg, loaded.names);
    const base = identityOf(subject.kind, subject.name, subject.namespace);
    const user = { name: base.name, groups: [...(base.groups ?? []), ...(options.asGroup ?? [])] };
    if (options.matrix) {
      const rows = accessMatrix(loaded.engine, user, options.namespace);
      if (loaded.format === 'json') writeJson({ user, namespace: options.namespace, matrix: rows }, io);
      else
        writeText(
          table([
            ['RESOURCE', ...MATRIX_VERBS.map((v) => v.toUpperCase())],
            ...rows.map((r) => [
              `${r.resource}${r.apiGroup ? `.${r.apiGroup}` : ''}`,
              ...MATRIX_VERBS.map((v) => (r.verbs[v] ? '✔' : '✖')),
            ]),
          ]),
          'table',
          io,
        );
      return;
    }
    const p = permissions(loaded.engine, user);
    if (loaded.format === 'json') {
      writeJson(permissionsJson(p), io);
      return;
    }
    if (p.privileged)
      printText(io, 'member of a privileged group: every request is allowed (RBAC bypassed)\n');
    const rows = [['SCOPE', 'BINDING', 'ROLE', 'VERBS', 'RESOURCES']];
    for (const scope of p.scopes) {
      for (const g of scope.grants) {
        const res = g.rule.nonResourceURLs.length
          ? g.rule.nonResourceURLs.join(',')
          : g.rule.resources
              .map((r) => g.rule.apiGroups.map((a) => (a ? `${r}.${a}` : r)).join(','))
              .join(',') + (g.rule.resourceNames.length ? ` [${g.rule.resourceNames.join(',')}]` : '');
        rows.push([
          scope.namespace ?? 'cluster',
          g.binding.name,
          `${g.binding.roleRef.kind}/${g.binding.roleRef.name}`,
          g.rule.verbs.join(','),
          res,
        ]);
      }
    }
    writeText(rows.length > 1 ? table(rows) : ['no permissions\n'], 'table', io);
  });

  common(
    rbac
      .command('paths')
      .description(
        'shortest escalation paths to cluster-admin power or to a permission (-o html: as diagrams)',
      )
      .argument('[subject]', 'User:NAME, Group:NAME, ServiceAccount:NS:NAME, or a user name')
      .option('--to <goal...>', 'cluster-admin (default), or VERB TYPE[/NAME]')
      .option('-n, --namespace <ns>', 'namespace of a VERB TYPE goal (default: cluster scope)')
      .option('--all', 'every subject that can reach the goal')
      .option('--max-paths <n>', 'for one subject: how many shortest paths with different first steps', '3')
      .option('--output-file <file>', 'write the HTML report (-o html) to this file'),
  ).action(async (subjectArg: string | undefined, options: CommonOptions & PathsOptions) => {
    const loaded = await load(options, io, true);
    const goal = goalOf(options);
    const graph = new EscalationGraph(
      loaded.engine,
      escalationContextFromInventory(loaded.inventory, options.k8sVersion),
    );
    let paths: ReturnType<EscalationGraph<RbacOrigin>['pathOf']>[];
    if (options.all || subjectArg === undefined) {
      if (subjectArg !== undefined) throw new UsageError('give a subject or --all, not both');
      if (!options.all) throw new UsageError('give a subject, or --all for every subject');
      const distances = graph.analyse(goal);
      paths = [...distances.keys()].sort().map((s) => graph.pathOf(s));
    } else {
      const id = subjectId(subjectOf(subjectArg, loaded.names));
      const max = Number(options.maxPaths);
      if (!Number.isInteger(max) || max < 1)
        throw new UsageError(`--max-paths must be a positive integer, got "${options.maxPaths}"`);
      graph.paths(id, goal);
      paths = graph.alternativesOf(id, max);
    }
    const found = paths.filter((p) => p !== undefined);
    if (loaded.format === 'html') {
      const display = (id: string) => (loaded.names ? loaded.names.display(id) : id);
      writeDocument(io, options.outputFile, rbacPathsHtml(loaded.engine, found, display));
      return;
    }
    if (loaded.format === 'json') {
      writeJson({ paths: found.map(pathJson) }, io);
      return;
    }
    if (found.length === 0) {
      printText(io, 'no escalation path found\n');
      return;
    }
    for (const path of found) {
      printText(
        io,
        `${loaded.names ? loaded.names.display(path.start) : path.start} → ${path.goal} (${path.steps.length} step${path.steps.length === 1 ? '' : 's'})\n`,
      );
      path.steps.forEach((step, i) => {
        printText(io, `  ${i + 1}. [${step.primitive}] ${step.description} → ${step.to}\n`);
      });
    }
  });
  common(
    rbac
      .command('azure')
      .description(
        'risky Azure role assignments for the cluster (RBAC-AKS-003, RBAC-AKS-005, RBAC-AKS-010); exit 1 when any',
      )
      .option('--cluster-id <id>', 'cluster resource ID, when no cluster definition is among the inputs'),
  ).action(async (options: CommonOptions & { clusterId?: string }) => {
    if (!options.azureRoleAssignments)
      throw new UsageError('give the role assignments with --azure-role-assignments FILE');
    if (options.clusterId) {
      const file = options.azureRoleAssignments;
      const loaded = await load({ ...options, azureRoleAssignments: undefined }, io);
      const azure = azureRbacFromFile(
        await readText(file, io),
        file,
        loaded.inventory.clusters[0],
        options.clusterId,
      );
      report(azure, loaded);
      return;
    }
    const loaded = await load(options, io);
    report(loaded.azure!, loaded);
  });

  function report(azure: AzureRbac, loaded: Loaded): void {
    const { findings, notEvaluated } = azureFindings(azure, loaded.inventory.clusters[0]);
    for (const reason of notEvaluated) printError(io, `aksguard: not evaluated: ${reason}\n`);
    if (loaded.format === 'json') {
      const shown = findings.map((f) => ({
        ruleId: f.id,
        severity: f.severity,
        message: f.message,
        assignment: f.assignment,
      }));
      writeJson({ findings: shown, notEvaluated }, io);
    } else if (findings.length === 0) printText(io, 'no risky Azure role assignment found\n');
    else
      writeText(
        table([['RULE', 'SEVERITY', 'MESSAGE'], ...findings.map((f) => [f.id, f.severity, f.message])]),
        'table',
        io,
      );
    io.exitCode = findings.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  }
}

interface CanIOptions {
  subresource?: string;
  namespace: string;
  allNamespaces?: boolean;
  as?: string;
  asGroup?: string[];
  asSa?: string;
}

interface WhoCanOptions {
  subresource?: string;
  namespace?: string;
  allNamespaces?: boolean;
}

interface PermissionsOptions {
  asGroup?: string[];
  matrix?: boolean;
  namespace: string;
}

interface PathsOptions {
  outputFile?: string;
  to?: string[];
  maxPaths: string;
  namespace?: string;
  all?: boolean;
}

function canIUser(options: CanIOptions, names?: NameMap): { name: string; groups: readonly string[] } {
  const groups = (options.asGroup ?? []).map((g) => (names ? names.resolve(g) : g));
  if (options.asSa !== undefined) {
    if (options.as !== undefined) throw new UsageError('give --as or --as-sa, not both');
    const m = /^([^:]+):([^:]+)$/.exec(options.asSa);
    if (!m) throw new UsageError(`--as-sa must be NAMESPACE:NAME, got "${options.asSa}"`);
    return impersonatedUser(`system:serviceaccount:${m[1]}:${m[2]}`, groups);
  }
  if (options.as === undefined)
    throw new UsageError('give the user with --as USER (or --as-sa NAMESPACE:NAME)');
  return impersonatedUser(names ? names.resolve(options.as) : options.as, groups);
}

function goalOf(options: PathsOptions): Goal {
  const to = options.to ?? ['cluster-admin'];
  if (to.length === 1 && to[0] === 'cluster-admin') return { kind: 'cluster-admin' };
  if (to.length !== 2) throw new UsageError('--to takes cluster-admin, or VERB TYPE[/NAME]');
  const parsed = parseTarget(to[0]!, to[1]!);
  const namespace = parsed.namespaced ? (options.namespace ?? '') : '';
  return {
    kind: 'permission',
    request: { ...parsed.request, ...(parsed.request.path === undefined ? { namespace } : {}) },
  };
}
