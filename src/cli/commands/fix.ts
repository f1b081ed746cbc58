import { type Command, Option } from 'commander';
import { clusterTiesOf } from '../../config/clusters.js';
import { type PssPolicy, parseLevel, parseVersion } from '../../engines/pss/index.js';
import { clusterFixPlans, renderClusterFixPlans } from '../../fix/aks.js';
import type { RenderedFix } from '../../fix/rendered.js';
import { shellWord } from '../../fix/shell.js';
import { workloadFixes } from '../../fix/workload.js';
import { formatResource } from '../../model/finding.js';
import { escapeControl } from '../../report/escape.js';
import { linesOf } from '../../report/stream.js';
import { defaultSettings } from '../../rules/defineRule.js';
import { allRules } from '../../rules/index.js';
import { inputsOfRules } from '../../rules/inputs.js';
import { resolveConfig, scanInventory } from '../../scan.js';
import { type CliIo, EXIT_OK, EXIT_USAGE, UsageError } from '../io.js';
import { addLiveOptions, type LiveFlags, loadCommandInventory } from '../live.js';
import { collect, type RenderFlags, renderSettingsOf, withRenderOptions } from '../options.js';
import { printError, writeJson, writeText } from '../output.js';
import { registerFixNetpol } from './fixNetpol.js';

interface FixFlags extends RenderFlags, LiveFlags {
  cluster?: string[];
  tfVarFile?: string[];
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
  const fix = withRenderOptions(program.command('fix'))
    .description(
      'print the changes that fix what the scan finds: securityContext patches, az aks update commands, Terraform changes',
    )
    .argument('[paths...]', 'manifests and cluster definitions (files or folders, - for standard input)')
    .option('--cluster <file>', 'AKS cluster definition (repeatable)', collect)
    .option(
      '--tf-var-file <file>',
      'Terraform variables file, like terraform plan -var-file (repeatable)',
      collect,
    )
    .addOption(
      new Option('--level <level>', 'Pod Security level the workloads must pass')
        .choices(['baseline', 'restricted'])
        .default('restricted'),
    )
    .option('--version <version>', 'Pod Security version (v1.N or latest)', 'latest')
    .addOption(new Option('-o, --output <format>', 'text or json').choices(['text', 'json']).default('text'))
    .option('-n, --namespace <namespace>', 'namespace of objects that name none', 'default')
    .option('--exclude <glob>', 'leave out matching paths (repeatable)', collect);
  addLiveOptions(fix).action(async (paths: string[], flags: FixFlags, self: Command) => {
    io.exitCode = await runFix(paths, flags, io, self.getOptionValueSource('namespace') === 'cli');
  });
  // `aksguard fix netpol`: default-deny, DNS, IMDS block and intended allows, verified by the engine.
  registerFixNetpol(fix, io);
}

/** A rendered object is fixed in its chart's values (or templates) or with a patch in its overlay. */
function renderedFixLines(fix: RenderedFix, unresolved: readonly string[]): string[] {
  const out: string[] = [];
  const still =
    unresolved.length > 0
      ? [`# still failing after the change (needs a design change): ${unresolved.join(', ')}`]
      : [];
  if (fix.kind === 'helm-values') {
    if (fix.values !== '')
      out.push(
        `# in the values of chart ${fix.chart} (values.yaml, or a file given with --values):`,
        fix.values.trimEnd(),
      );
    for (const edit of fix.templateEdits)
      out.push(
        `# edit ${edit.location.file}:${edit.location.line}: set ${edit.path} to ${JSON.stringify(edit.value)}`,
      );
    out.push(...still, '---');
    return out;
  }
  out.push(
    `# a strategic-merge patch for overlay ${fix.overlay}: save it there and list it under \`patches: [{path: FILE}]\` in its kustomization`,
    ...still,
    fix.patch.trimEnd(),
    '---',
  );
  return out;
}

async function runFix(paths: string[], flags: FixFlags, io: CliIo, namespaceGiven: boolean): Promise<number> {
  const level = parseLevel(flags.level);
  const version = parseVersion(flags.version);
  if (level.error || version.error)
    throw new UsageError(`--level ${level.error ?? ''} ${version.error ?? ''}`.trim());
  const policy: PssPolicy = { level: level.value, version: version.value };
  const config = resolveConfig(undefined, io.cwd);
  const { inventory, incomplete } = await loadCommandInventory({
    paths,
    flags,
    io,
    render: renderSettingsOf(flags, flags.namespace),
    inputs: inputsOfRules(allRules),
    defaultNamespace: flags.namespace,
    ...(flags.cluster ? { clusterFiles: flags.cluster } : {}),
    ...(flags.tfVarFile ? { tfVarFiles: flags.tfVarFile } : {}),
    ties: clusterTiesOf(config.clusters, config.file, io.cwd),
    ...(flags.exclude ? { exclude: flags.exclude } : {}),
    ...(namespaceGiven ? { namespaces: [flags.namespace] } : {}),
    missing:
      'give manifests and/or --cluster FILE to fix, or a live cluster with --context or --azure-cluster',
  });
  const errors = inventory.issues.filter((issue) => issue.level === 'error');
  for (const issue of errors)
    printError(io, `aksguard: ${issue.file}${issue.line ? `:${issue.line}` : ''}: ${issue.message}\n`);

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
    writeJson({ clusters, workloads }, io);
    return errors.length > 0 || incomplete ? EXIT_USAGE : EXIT_OK;
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
      // One line each: a newline in a name must not end the comment (the output is meant to be pasted).
      out.push(
        `# ${escapeControl(formatResource(resource))} (${escapeControl(fix.location.live ? fix.location.live.path : `${fix.location.file}:${fix.location.line}`)})`,
      );
      if (fix.rendered) {
        out.push(...renderedFixLines(fix.rendered, fix.unresolved));
        continue;
      }
      out.push(
        `# kubectl patch ${shellWord.kind(resource.kind.toLowerCase())} ${shellWord.objectName(resource.name)}${resource.namespace ? ` -n ${shellWord.namespace(resource.namespace)}` : ''} --type strategic --patch-file patch.yaml`,
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
  writeText(linesOf(out), 'text', io);
  return errors.length > 0 || incomplete ? EXIT_USAGE : EXIT_OK;
}
