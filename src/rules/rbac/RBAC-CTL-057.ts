import { describeGroups, isReadOnlyGroup } from '../../engines/rbac/apiGroups.js';
import type { PolicyRule } from '../../engines/rbac/types.js';
import { defineRule } from '../defineRule.js';
import { RBAC } from '../inputs.js';
import {
  EXCEPTIONS_PARAM,
  type GrantStatement,
  grantingAny,
  grantStatement,
  grants,
  LEAST_PRIVILEGE_FIX,
  PerRoleScope,
  reportGrant,
  reviewedGranting,
  reviewedRulesArrays,
} from './support.js';

const EVENTS = [
  { verb: 'delete', apiGroup: '', resource: 'events' },
  { verb: 'deletecollection', apiGroup: '', resource: 'events' },
  { verb: 'delete', apiGroup: 'events.k8s.io', resource: 'events' },
  { verb: 'deletecollection', apiGroup: 'events.k8s.io', resource: 'events' },
];

// A `*` on resources deletes what its groups serve; the aggregated metrics APIs serve get and list only.
const deletable = (groups: readonly string[]) =>
  groups.includes('*') ? ['*'] : groups.filter((group) => !isReadOnlyGroup(group));

export default defineRule({
  id: 'RBAC-CTL-057',
  title: 'Subject can delete any resource or the audit trail',
  description:
    'delete or deletecollection on `*` resources destroys workloads and data across the scope; on events it erases the trail of what happened. A `*` limited to some API groups is reported for what those groups serve (the read-only metrics APIs serve no delete at all).',
  severity: 'medium',
  family: 'rbac',
  inputs: RBAC,
  refs: ['kubescape C-0007, C-0031', 'KubiScan risky-any-resource-delete'],
  fix: LEAST_PRIVILEGE_FIX,
  params: EXCEPTIONS_PARAM,
  check(ctx) {
    // The rule deleting everything, once per role (rules array), however many bindings use it.
    const everythingOf = new Map<readonly PolicyRule[], number>();
    for (const rules of reviewedRulesArrays(ctx))
      everythingOf.set(
        rules,
        rules.findIndex(
          (r) =>
            r.resources.includes('*') &&
            r.resourceNames.length === 0 &&
            deletable(r.apiGroups).length > 0 &&
            (r.verbs.includes('*') || r.verbs.includes('delete') || r.verbs.includes('deletecollection')),
        ),
      );
    const events = grantingAny(ctx, EVENTS);
    const { clusterWide, inNamespace } = events;
    for (const [rules, everything] of everythingOf)
      if (everything >= 0) {
        clusterWide.add(rules);
        inNamespace.add(rules);
      }
    // Decided once per (role, scope): nothing here depends on the binding beyond them.
    const statements = new PerRoleScope<GrantStatement | null>(ctx, (entry) => {
      const everything = everythingOf.get(entry.role.rules)!;
      if (everything >= 0) {
        const rule = entry.role.rules[everything]!;
        const groups = deletable(rule.apiGroups);
        const request = { verb: 'delete', apiGroup: groups[0] ?? '', resource: '*' };
        return grantStatement(
          entry,
          [{ request, ruleIndex: everything, rule }],
          groups.includes('*') ? 'delete any resource' : `delete any resource in ${describeGroups(groups)}`,
        );
      }
      const hit = grants(entry, EVENTS);
      return hit ? grantStatement(entry, [hit], 'delete events') : null;
    });
    for (const entry of reviewedGranting(ctx, { clusterWide, inNamespace })) {
      const statement = statements.of(entry);
      if (statement !== null) reportGrant(ctx, entry, statement);
    }
  },
});
