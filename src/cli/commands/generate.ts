/** `aksguard generate vap`: argument parsing only; the generator is src/generate/vap/. */
import { type Command, Option } from 'commander';
import { generateVap } from '../../generate/vap/index.js';
import { lazyRequire } from '../../lazyRequire.js';
import { defaultSettings, type ScanSettings } from '../../rules/defineRule.js';
import { allRules } from '../../rules/index.js';
import { resolveConfig } from '../../scan.js';
import { MODES, type Mode } from '../../serve/modes.js';
import { type CliIo, EXIT_OK, UsageError } from '../io.js';
import { collect, pssLevelOption, pssVersionOption, setting } from '../options.js';
import { checkOutputFile, printError, stdoutSink, withOutputFile } from '../output.js';

/** The `yaml` package, loaded when the objects are written as YAML. */
const yaml = lazyRequire<typeof import('yaml')>('yaml');

interface VapFlags {
  mode: Mode;
  output: 'yaml' | 'json';
  outputFile?: string;
  config?: string | false;
  rule?: string[];
  pssLevel?: string;
  pssVersion?: string;
  failurePolicy: 'Fail' | 'Ignore';
  listUnexpressed?: boolean;
}

export function register(program: Command, io: CliIo): void {
  const generate = program.command('generate').description('generate enforcement objects from the rules');
  generate
    .command('vap')
    .description(
      'ValidatingAdmissionPolicies (CEL, evaluated by the API server) and their bindings for every rule CEL can express',
    )
    .addOption(
      new Option(
        '--mode <mode>',
        'binding validationActions: audit [Audit], warn [Warn, Audit], enforce [Deny]',
      )
        .choices([...MODES])
        .default('warn'),
    )
    .addOption(new Option('-o, --output <format>', 'yaml or json').choices(['yaml', 'json']).default('yaml'))
    .option('--output-file <file>', 'write to a file instead of standard output')
    .option(
      '-c, --config <file>',
      'configuration: disabled rules, parameters (default: .aksguard.yaml found upward)',
    )
    .option('--no-config', 'ignore any configuration file')
    .option('--rule <id>', 'only this rule, or rules with this prefix ending in - (repeatable)', collect)
    .addOption(pssLevelOption())
    .addOption(pssVersionOption())
    .addOption(
      new Option('--failure-policy <policy>', 'what the API server does when a policy cannot be evaluated')
        .choices(['Fail', 'Ignore'])
        .default('Fail'),
    )
    .option('--list-unexpressed', 'print the rules CEL cannot express, with why, instead of the policies')
    .action((flags: VapFlags) => {
      io.exitCode = runVap(flags, io);
    });
}

function runVap(flags: VapFlags, io: CliIo): number {
  const outputFile = flags.outputFile ? checkOutputFile(io.cwd, flags.outputFile) : undefined;
  const config = resolveConfig(flags.config === false ? false : flags.config, io.cwd);
  const settings: ScanSettings = { ...defaultSettings(), ...config.settings };
  if (flags.pssLevel) settings.pssLevel = setting('pssLevel', flags.pssLevel, '--pss-level');
  if (flags.pssVersion) settings.pssVersion = setting('pssVersion', flags.pssVersion, '--pss-version');
  for (const id of flags.rule ?? [])
    if (!allRules.some((rule) => rule.id === id || (id.endsWith('-') && rule.id.startsWith(id))))
      throw new UsageError(`--rule ${id}: no such rule (aksguard rules lists them)`);
  const generated = generateVap({
    rules: allRules,
    config,
    settings,
    mode: flags.mode,
    failurePolicy: flags.failurePolicy,
    ...(flags.rule ? { only: flags.rule } : {}),
  });
  if (flags.listUnexpressed) {
    const width = Math.max(...generated.notExpressed.map((entry) => entry.ruleId.length));
    io.out(
      `${generated.notExpressed.map((entry) => `${entry.ruleId.padEnd(width)}  ${entry.reason}`).join('\n')}\n`,
    );
    return EXIT_OK;
  }
  const text =
    flags.output === 'json'
      ? `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: generated.objects }, null, 2)}\n`
      : generated.objects.map((object) => yaml().stringify(object, { lineWidth: 0 })).join('---\n');
  if (outputFile && flags.outputFile)
    withOutputFile(outputFile, flags.outputFile, (sink) => sink.write(text));
  else stdoutSink(io).write(text);
  printError(
    io,
    `aksguard: ${generated.expressed.length} rule(s) as ValidatingAdmissionPolicies (${flags.mode}); ${generated.notExpressed.length} cannot be written in CEL (--list-unexpressed says why)\n`,
  );
  return EXIT_OK;
}
