import { type Command, Option } from 'commander';
import { clusterTiesOf } from '../../config/clusters.js';
import { type PssPolicy, parseLevel, parseVersion } from '../../engines/pss/index.js';
import { clusterFixPlans, renderClusterFixPlans } from '../../fix/aks.js';
import { registerFixNetpol } from '../../fix/netpolCli.js';
import { workloadFixes } from '../../fix/workload.js';
import { loadInventory } from '../../load/index.js';
import { formatResource } from '../../model/finding.js';
import { defaultSettings } from '../../rules/defineRule.js';
import { resolveConfig, scanInventory } from '../../scan.js';
import { type CliIo, EXIT_OK, EXIT_USAGE, UsageError } from '../io.js';
import { collect } from '../options.js';

interface FixFlags {
  cluster?: string[];
  level: string;
  version: string;
  output: string;
  namespace: string;
  exclude?: string[];
}

/** Extra fix producers (cluster, network policies) register here, so `fix` stays a thin dispatcher. */
export interface FixSection {
  title: string;
  text: string;
  json: unknown;
}

export function register(program: Command, io: CliIo): void {
  const fix = program
    .command('fix')
    .description(
      'print the changes that fix what the scan finds: securityContext patches, az aks update commands, Terraform changes',
    )
    .argument('[paths...]', 'manifests and cluster definitions (files or folders, - for standard input)')
    .option('--cluster <file>', 'AKS cluster definition (repeatable)', collect)
    .addOption(
      new Option('--level <level>', 'Pod Security level the workloads must pass')
        .choices(['baseline', 'restricted'])
        .default('restricted'),
    )
    .option('--version <version>', 'Pod Security version (v1.N or latest)', 'latest')
    .addOption(new Option('-o, --output <format>', 'text or json').choices(['text', 'json']).default('text'))
    .option('-n, --namespace <namespace>', 'namespace of objects that name none', 'default')
    .option('--exclude <glob>', 'leave out matching paths (repeatable)', collect)
    .action(async (paths: string[], flags: FixFlags) => {
      if (paths.length === 0 && !flags.cluster)
        throw new UsageError('give manifests and/or --cluster FILE to fix');
      io.exitCode = await runFix(paths, flags, io);
    });
  // `aksguard fix netpol`: default-deny, DNS, IMDS block and intended allows, verified by the engine.
  registerFixNetpol(fix, io);
}

async function runFix(paths: string[], flags: FixFlags, io: CliIo): Promise<number> {
  const level = parseLevel(flags.level);
  const version = parseVersion(flags.version);
  if (level.error || version.error)
    throw new UsageError(`--level ${level.error ?? ''} ${version.error ?? ''}`.trim());
  const policy: PssPolicy = { level: level.value, version: version.value };
  const config = resolveConfig(undefined, io.cwd);
  const inventory = await loadInventory({
    paths,
    cwd: io.cwd,
    io,
    defaultNamespace: flags.namespace,
    ...(flags.cluster ? { clusterFiles: flags.cluster } : {}),
    ties: clusterTiesOf(config.clusters, config.file, io.cwd),
    ...(flags.exclude ? { exclude: flags.exclude } : {}),
  });
  const errors = inventory.issues.filter((issue) => issue.level === 'error');
  for (const issue of errors)
    io.err(`aksguard: ${issue.file}${issue.line ? `:${issue.line}` : ''}: ${issue.message}\n`);

  const workloads = workloadFixes(inventory, policy);
  // Cluster fixes come from the AKS controls the scan reports, configuration and waivers included; unknown
  // values stay unfixed (they are not failures).
  const settings = {
    ...defaultSettings(),
    cwd: io.cwd,
    ...config.settings,
    defaultNamespace: flags.namespace,
  };
  const report = scanInventory(
    inventory,
    { paths, cwd: io.cwd, families: ['aks', 'cross'] },
    config,
    settings,
  );
  const clusters = clusterFixPlans(inventory.clusters, report.findings);
  if (flags.output === 'json') {
    io.out(`${JSON.stringify({ clusters, workloads }, null, 2)}\n`);
    return errors.length > 0 ? EXIT_USAGE : EXIT_OK;
  }
  const out: string[] = [];
  if (inventory.clusters.length > 0) out.push(renderClusterFixPlans(clusters).trimEnd(), '');
  if (workloads.length > 0) {
    out.push(
      `# Workloads: securityContext patches to pass Pod Security ${policy.level} ${flags.version}`,
      '',
    );
    for (const fix of workloads) {
      const { resource } = fix;
      out.push(`# ${formatResource(resource)} (${fix.location.file}:${fix.location.line})`);
      out.push(
        `# kubectl patch ${resource.kind.toLowerCase()} ${resource.name}${resource.namespace ? ` -n ${resource.namespace}` : ''} --type strategic --patch-file patch.yaml`,
      );
      if (fix.unresolved.length > 0)
        out.push(`# still failing after the patch (needs a design change): ${fix.unresolved.join(', ')}`);
      out.push(fix.patch.trimEnd(), '---');
    }
    out.push('');
  } else {
    out.push(
      `# Workloads: every pod template already passes Pod Security ${policy.level} ${flags.version}.`,
      '',
    );
  }
  io.out(`${out.join('\n')}\n`);
  return errors.length > 0 ? EXIT_USAGE : EXIT_OK;
}
