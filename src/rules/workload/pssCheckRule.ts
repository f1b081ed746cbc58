import {
  type CheckId,
  checkLevel,
  clampVersion,
  formatVersion,
  judgeTemplates,
  ownerPath,
  type PssPolicy,
  type PssViolation,
  scanDefaults,
  type TemplateJudgement,
} from '../../engines/pss/index.js';
import { formatResource } from '../../model/finding.js';
import { refOf } from '../../model/k8s.js';
import { SEVERITIES, type Severity } from '../../model/severity.js';
import { formatPath, type PathSegment } from '../../model/source.js';
import { defineRule, type Rule, type RuleContext, type RuleFix } from '../defineRule.js';
import { WORKLOADS_IN_NAMESPACES } from '../inputs.js';

export interface PssCheckRuleMeta {
  title: string;
  description: string;
  severity: Severity;
  refs?: string[];
  fix: RuleFix;
  /** A per-finding severity, from the offending value (e.g. SYS_ADMIN is worse than other capabilities). */
  severityOf?: (value: unknown) => Severity | undefined;
}

/** The judgements of every pod template, computed once per scan for all WL-PSS rules. */
export function pssJudgements(context: RuleContext): TemplateJudgement[] {
  return context.memo('engines/pss:judgements', () =>
    judgeTemplates(context.inventory, scanDefaults(context.settings.pssLevel, context.settings.pssVersion)),
  );
}

function policyText(policy: PssPolicy): string {
  const version = formatVersion(policy.version);
  const evaluatedAs = formatVersion(clampVersion(policy.version));
  return `${policy.level}:${version}${version === evaluatedAs ? '' : ` (evaluated as ${evaluatedAs})`}`;
}

function lower(severity: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.indexOf(severity) + 1, SEVERITIES.length - 1)]!;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/**
 * A rule reporting one Pod Security check: one finding per pod template and container (or pod-level field), at the
 * namespace's enforce policy, else at its warn policy with a severity one step lower.
 */
export function pssCheckRule(check: CheckId, meta: PssCheckRuleMeta): Rule {
  const level = checkLevel(check);
  return defineRule({
    id: `WL-PSS-${check}`,
    title: meta.title,
    description: meta.description,
    severity: meta.severity,
    family: 'workload',
    inputs: WORKLOADS_IN_NAMESPACES,
    refs: [`Pod Security Standards ${level}: ${check}`, ...(meta.refs ?? [])],
    fix: meta.fix,
    check(context) {
      for (const judgement of pssJudgements(context)) {
        // Who was reported at enforce, made only for a template that violates this check (most do not).
        let seen: Set<string> | undefined;
        for (const mode of ['enforce', 'warn'] as const) {
          const violation = judgement[mode].violations.find((v) => v.check === check);
          if (!violation) continue;
          seen ??= new Set<string>();
          report(context, judgement, violation, mode, seen, meta);
        }
      }
    },
  });
}

function report(
  context: RuleContext,
  judgement: TemplateJudgement,
  violation: PssViolation,
  mode: 'enforce' | 'warn',
  seen: Set<string>,
  meta: PssCheckRuleMeta,
): void {
  const { template } = judgement;
  const policy = judgement.policy[mode];
  const byWho = new Map<string, { paths: PathSegment[][]; names: string[] }>();
  for (const field of violation.fields) {
    const inContainer = field.container !== undefined && field.path[0] === 'spec';
    const who = field.container === undefined ? 'pod' : `container ${JSON.stringify(field.container)}`;
    // Name the field as it reads inside its container, or inside the pod spec / metadata.
    const name = formatPath(
      inContainer ? field.path.slice(3) : field.path[0] === 'spec' ? field.path.slice(1) : field.path,
    );
    const entry = byWho.get(who) ?? { paths: [], names: [] };
    entry.paths.push(field.path);
    entry.names.push(name);
    byWho.set(who, entry);
  }
  for (const [who, { paths, names }] of byWho) {
    if (seen.has(who)) continue;
    seen.add(who);
    const first = ownerPath(template, paths[0]!);
    const fieldNames = names.join(', ');
    const namespace =
      judgement.namespace === undefined ? 'the cluster scope' : `namespace ${judgement.namespace}`;
    const consequence =
      mode === 'warn'
        ? `Pod Security ${policyText(policy)}, the warn policy of ${namespace}, warns about it`
        : judgement.labelled.enforce
          ? `Pod Security ${policyText(policy)}, enforced for ${namespace}, refuses it`
          : `Pod Security ${policyText(policy)} refuses it (the scan's level for ${namespace}, which has no enforce label)`;
    const valueSeverity = paths
      .map((path) => meta.severityOf?.(valueAt(template.spec, path.slice(1))))
      .find(Boolean);
    const severity = valueSeverity ?? meta.severity;
    context.report({
      object: template.owner,
      path: first,
      key: `${who}`,
      severity: mode === 'enforce' ? severity : lower(severity),
      // Upstream's detail when it is about this container (or the pod) alone; else the reason and the fields.
      message:
        byWho.size === 1
          ? `${formatResource(refOf(template.owner))}: ${violation.detail}. ${consequence}`
          : `${formatResource(refOf(template.owner))} ${who}: ${violation.reason} (${fieldNames}). ${consequence}`,
      // Formatting every field's path is a tenth of a review's rule run at admission, where evidence is not kept.
      evidence:
        context.keepsEvidence === false
          ? undefined
          : {
              check: violation.check,
              mode,
              level: policy.level,
              version: formatVersion(policy.version),
              evaluatedAs: formatVersion(clampVersion(policy.version)),
              detail: violation.detail,
              fields: paths.map((path) => formatPath(ownerPath(template, path))),
            },
    });
  }
}
