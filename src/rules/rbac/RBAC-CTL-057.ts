import { defineRule } from '../defineRule.js';
import { RBAC } from '../inputs.js';
import { EXCEPTIONS_PARAM, grants, LEAST_PRIVILEGE_FIX, reportBinding, reviewedBindings } from './support.js';

export default defineRule({
  id: 'RBAC-CTL-057',
  title: 'Subject can delete any resource or the audit trail',
  description:
    'delete or deletecollection on `*` resources destroys workloads and data across the scope; on events it erases the trail of what happened.',
  severity: 'medium',
  family: 'rbac',
  inputs: RBAC,
  refs: ['kubescape C-0007, C-0031', 'KubiScan risky-any-resource-delete'],
  fix: LEAST_PRIVILEGE_FIX,
  params: EXCEPTIONS_PARAM,
  check(ctx) {
    for (const entry of reviewedBindings(ctx)) {
      const everything = entry.role.rules.findIndex(
        (r) =>
          r.resources.includes('*') &&
          r.resourceNames.length === 0 &&
          (r.verbs.includes('*') || r.verbs.includes('delete') || r.verbs.includes('deletecollection')),
      );
      if (everything >= 0) {
        const request = {
          verb: 'delete',
          apiGroup: entry.role.rules[everything]!.apiGroups[0] ?? '',
          resource: '*',
        };
        reportBinding(
          ctx,
          entry,
          [{ request, ruleIndex: everything, rule: entry.role.rules[everything]! }],
          'delete any resource',
        );
        continue;
      }
      const events = grants(entry, [
        { verb: 'delete', apiGroup: '', resource: 'events' },
        { verb: 'deletecollection', apiGroup: '', resource: 'events' },
        { verb: 'delete', apiGroup: 'events.k8s.io', resource: 'events' },
        { verb: 'deletecollection', apiGroup: 'events.k8s.io', resource: 'events' },
      ]);
      if (events) reportBinding(ctx, entry, [events], 'delete events');
    }
  },
});
