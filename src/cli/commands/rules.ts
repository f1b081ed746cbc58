import type { Command } from 'commander';
import { configSchema } from '../../config/schema.js';
import type { Rule } from '../../rules/defineRule.js';
import { readRuleDoc } from '../../rules/docs.js';
import { allRules, ruleById } from '../../rules/index.js';
import { type CliIo, EXIT_USAGE, UsageError } from '../io.js';
import { collect } from '../options.js';
import { writeJson } from '../output.js';

interface RulesFlags {
  family?: string[];
  output?: string;
  configSchema?: boolean;
}

function metadataOf(rule: Rule): Record<string, unknown> {
  const { check: _check, ...metadata } = rule;
  return metadata;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('rules')
    .description("list the rule catalogue, or print one rule's page")
    .argument('[id]', 'a rule id, e.g. WL-NET-publicLoadBalancer')
    .option(
      '--family <family>',
      'only this family: aks, workload, rbac, network, cross (repeatable)',
      collect,
    )
    .option('-o, --output <format>', 'table, json or markdown', 'table')
    .option('--config-schema', 'print the JSON Schema of .aksguard.yaml for this catalogue (for editors)')
    .action((id: string | undefined, flags: RulesFlags) => {
      if (flags.configSchema) {
        writeJson(configSchema(allRules), io);
        return;
      }
      const format = (flags.output ?? 'table').toLowerCase();
      if (!['table', 'json', 'markdown', 'md'].includes(format))
        throw new UsageError(`unknown output format "${flags.output}" (use table, json or markdown)`);
      if (id) {
        const rule =
          ruleById(id) ?? allRules.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
        if (!rule) {
          io.err(`aksguard: no rule "${id}"; list them with: aksguard rules\n`);
          io.exitCode = EXIT_USAGE;
          return;
        }
        if (format === 'json') {
          io.out(`${JSON.stringify({ ...metadataOf(rule), docs: readRuleDoc(rule.id) ?? null }, null, 2)}\n`);
          return;
        }
        io.out(rulePage(rule));
        return;
      }
      const families = flags.family;
      const rules = allRules.filter((rule) => !families || families.includes(rule.family));
      if (families && rules.length === 0) throw new UsageError(`no rules in family ${families.join(', ')}`);
      if (format === 'json') {
        io.out(`${JSON.stringify(rules.map(metadataOf), null, 2)}\n`);
        return;
      }
      if (format === 'markdown' || format === 'md') {
        const rows = ['| ID | Severity | Family | Title |', '|---|---|---|---|'];
        for (const rule of rules)
          rows.push(`| ${rule.id} | ${rule.severity} | ${rule.family} | ${rule.title} |`);
        io.out(`${rows.join('\n')}\n`);
        return;
      }
      const width = Math.max(...rules.map((rule) => rule.id.length), 2);
      const lines = rules.map(
        (rule) =>
          `${rule.id.padEnd(width)}  ${rule.severity.padEnd(8)}  ${rule.family.padEnd(8)}  ${rule.seed ? '★' : ' '} ${rule.title}`,
      );
      io.out(
        `${'ID'.padEnd(width)}  SEVERITY  FAMILY      TITLE\n${lines.join('\n')}\n${rules.length} rule(s); ★ = AKS baseline control. Details: aksguard rules <ID>\n`,
      );
    });
}

/** What the rule reads: what a live scan lists for it, and what makes it not evaluated when unreadable. */
function readsLine(rule: Rule): string {
  const parts = [
    ...(rule.inputs.kubernetes?.length ? [`Kubernetes ${rule.inputs.kubernetes.join(', ')}`] : []),
    ...(rule.inputs.azure?.length ? [`Azure ${rule.inputs.azure.join(', ')}`] : []),
  ];
  return `Reads: ${parts.join('; ') || 'nothing'}`;
}

function rulePage(rule: Rule): string {
  const doc = readRuleDoc(rule.id);
  // The page states severity, references and parameters itself.
  if (doc) return `${doc.trimEnd()}\n\n${readsLine(rule)}\n`;
  const head = [
    `Severity: ${rule.severity} · Family: ${rule.family}${rule.seed ? ' · AKS baseline control' : ''}`,
    ...(rule.refs && rule.refs.length > 0 ? [`References: ${rule.refs.join('; ')}`] : []),
    readsLine(rule),
  ];
  const params = Object.entries(rule.params ?? {}).map(
    ([name, param]) => `  ${name} (default ${JSON.stringify(param.default)}): ${param.description}`,
  );
  const fixes = [
    rule.fix?.manifest,
    rule.fix?.az && `az: ${rule.fix.az}`,
    rule.fix?.terraform && `terraform: ${rule.fix.terraform}`,
  ];
  const lines = [
    `# ${rule.id}: ${rule.title}`,
    '',
    ...head,
    ...(params.length > 0 ? ['Parameters:', ...params] : []),
  ];
  return `${[...lines, '', rule.description, '', ...fixes.filter(Boolean)].join('\n')}\n`;
}
