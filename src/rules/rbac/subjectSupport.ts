import type { Subject } from '../../engines/rbac/types.js';
import type { RuleInputs } from '../../model/inputs.js';
import type { Severity } from '../../model/severity.js';
import { defineRule, type Rule, type RuleContext } from '../defineRule.js';
import { RBAC } from '../inputs.js';
import { chainEvidence, describeBinding, EXCEPTIONS_PARAM, reviewedBindings } from './support.js';

export interface SubjectRuleSpec {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  refs: string[];
  matches: (subject: Subject) => boolean;
  what: string;
  severityOf?: (ctx: RuleContext) => Severity | undefined;
  /** Inputs beyond the RBAC objects (e.g. the cluster's Entra admin groups). */
  inputs?: RuleInputs;
}

/** A rule reporting each reviewed binding with a subject of some kind (the subject line is the location). */
export function subjectRule(spec: SubjectRuleSpec): Rule {
  return defineRule({
    id: spec.id,
    title: spec.title,
    description: spec.description,
    severity: spec.severity,
    family: 'rbac',
    inputs: spec.inputs ?? RBAC,
    refs: spec.refs,
    fix: {
      manifest:
        'Bind the role to the named users, groups or ServiceAccounts that need it, not to a catch-all subject.',
    },
    params: EXCEPTIONS_PARAM,
    check(ctx) {
      const severity = spec.severityOf?.(ctx);
      for (const entry of reviewedBindings(ctx)) {
        const index = entry.binding.subjects.findIndex(spec.matches);
        if (index < 0) continue;
        const subject = entry.binding.subjects[index]!;
        const who =
          subject.kind === 'ServiceAccount'
            ? `${subject.namespace || entry.binding.namespace}/${subject.name}`
            : subject.name;
        const input: Parameters<RuleContext['report']>[0] = {
          object: entry.object,
          path: ['subjects', index],
          message: `${describeBinding(entry.binding)} gives ${entry.role.kind} ${entry.role.name} to ${subject.kind} ${who} (${spec.what}) ${entry.scope ? `in namespace ${entry.scope}` : 'cluster-wide'}`,
          evidence: chainEvidence(entry, []),
        };
        if (severity) input.severity = severity;
        ctx.report(input);
      }
    },
  });
}
