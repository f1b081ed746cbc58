import {
  type CheckId,
  checkLevel,
  clampVersion,
  formatVersion,
  judgeTemplates,
  ownerPath,
  type PssPolicy,
  type PssResult,
  type PssViolation,
  scanDefaults,
  type TemplateJudgement,
} from '../../engines/pss/index.js';
import { boundedMemo } from '../../model/boundedMemo.js';
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
        for (const mode of MODES) {
          const violation = violationOf(judgement[mode], check);
          if (!violation) continue;
          seen ??= new Set<string>();
          report(context, judgement, violation, mode, seen, meta);
        }
      }
    },
  });
}

/** The modes a template is reported at, in this order: enforce first, then what only warn refuses. */
const MODES = ['enforce', 'warn'] as const;

/** The result's violation of this check, if any (a loop: every WL-PSS rule looks in every judgement at each review). */
function violationOf(result: PssResult, check: CheckId): PssViolation | undefined {
  const { violations } = result;
  for (let index = 0; index < violations.length; index++)
    if (violations[index]!.check === check) return violations[index];
  return undefined;
}

/** The fields of one violation about one container (or the pod: `container` undefined), in the order met. */
interface FieldGroup {
  container: string | undefined;
  paths: PathSegment[][];
}

/** A violation's fields grouped by container, groups in the order their first field comes (few: a linear search). */
function groupByContainer(violation: PssViolation): FieldGroup[] {
  const groups: FieldGroup[] = [];
  for (const field of violation.fields) {
    let group: FieldGroup | undefined;
    for (const candidate of groups)
      if (candidate.container === field.container) {
        group = candidate;
        break;
      }
    if (group === undefined) {
      group = { container: field.container, paths: [] };
      groups.push(group);
    }
    group.paths.push(field.path);
  }
  return groups;
}

function whoOf(container: string | undefined): string {
  return container === undefined ? 'pod' : containerPhrase(container);
}

/**
 * `container "name"`, kept per container name: the webhook meets the same names at review after review.
 */
const containerPhrase = boundedMemo((container) => `container ${JSON.stringify(container)}`);

/** A field named as it reads inside its container, or inside the pod spec / metadata. */
function fieldName(container: string | undefined, path: readonly PathSegment[]): string {
  const inContainer = container !== undefined && path[0] === 'spec';
  return formatPath(inContainer ? path.slice(3) : path[0] === 'spec' ? path.slice(1) : path);
}

/** What the namespace's policy does about the violation, as the findings' messages end. */
function consequenceOf(judgement: TemplateJudgement, mode: 'enforce' | 'warn', policy: PssPolicy): string {
  const namespace =
    judgement.namespace === undefined ? 'the cluster scope' : `namespace ${judgement.namespace}`;
  return mode === 'warn'
    ? `Pod Security ${policyText(policy)}, the warn policy of ${namespace}, warns about it`
    : judgement.labelled.enforce
      ? `Pod Security ${policyText(policy)}, enforced for ${namespace}, refuses it`
      : `Pod Security ${policyText(policy)} refuses it (the scan's level for ${namespace}, which has no enforce label)`;
}

/**
 * One finding per container (or the pod) the violation is about, unless reported at enforce already. The texts all
 * its findings share (the resource, the consequence) are made once, and a field's name only for a message that
 * lists them (the webhook runs this at every review).
 */
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
  const groups = groupByContainer(violation);
  let resource: string | undefined;
  let consequence: string | undefined;
  for (const { container, paths } of groups) {
    const who = whoOf(container);
    if (seen.has(who)) continue;
    seen.add(who);
    resource ??= formatResource(refOf(template.owner));
    consequence ??= consequenceOf(judgement, mode, policy);
    const first = ownerPath(template, paths[0]!);
    let valueSeverity: Severity | undefined;
    if (meta.severityOf !== undefined)
      for (const path of paths) {
        valueSeverity = meta.severityOf(valueAt(template.spec, path.slice(1)));
        if (valueSeverity) break;
      }
    const severity = valueSeverity || meta.severity;
    context.report({
      object: template.owner,
      path: first,
      key: who,
      severity: mode === 'enforce' ? severity : lower(severity),
      // Upstream's detail when it is about this container (or the pod) alone; else the reason and the fields.
      message:
        groups.length === 1
          ? `${resource}: ${violation.detail}. ${consequence}`
          : `${resource} ${who}: ${violation.reason} (${paths.map((path) => fieldName(container, path)).join(', ')}). ${consequence}`,
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
