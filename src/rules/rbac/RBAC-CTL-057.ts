import { describeGroups, isReadOnlyGroup } from '../../engines/rbac/apiGroups.js';
import type { PolicyRule } from '../../engines/rbac/types.js';
import { defineRule } from '../defineRule.js';
import { RBAC } from '../inputs.js';
import {
  EXCEPTIONS_PARAM,
  grantFilter,
  grants,
  LEAST_PRIVILEGE_FIX,
  reportBinding,
  reviewedBindings,
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
    const mayDeleteEvents = grantFilter(ctx, EVENTS);
    // The rule deleting everything, once per role (rules array), however many bindings use it.
    const everythingOf = new Map<readonly PolicyRule[], number>();
    for (const entry of reviewedBindings(ctx)) {
      let everything = everythingOf.get(entry.role.rules);
      if (everything === undefined) {
        everything = entry.role.rules.findIndex(
          (r) =>
            r.resources.includes('*') &&
            r.resourceNames.length === 0 &&
            deletable(r.apiGroups).length > 0 &&
            (r.verbs.includes('*') || r.verbs.includes('delete') || r.verbs.includes('deletecollection')),
        );
        everythingOf.set(entry.role.rules, everything);
      }
      if (everything >= 0) {
        const rule = entry.role.rules[everything]!;
        const groups = deletable(rule.apiGroups);
        const request = { verb: 'delete', apiGroup: groups[0] ?? '', resource: '*' };
        reportBinding(
          ctx,
          entry,
          [{ request, ruleIndex: everything, rule }],
          groups.includes('*') ? 'delete any resource' : `delete any resource in ${describeGroups(groups)}`,
        );
        continue;
      }
      if (!mayDeleteEvents(entry)) continue;
      const events = grants(entry, EVENTS);
      if (events) reportBinding(ctx, entry, [events], 'delete events');
    }
  },
});
