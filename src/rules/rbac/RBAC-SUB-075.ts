import { defineRule } from '../defineRule.js';
import { RBAC } from '../inputs.js';
import { describeBinding, type ReviewedBinding, reviewedBindings } from './support.js';

export default defineRule({
  id: 'RBAC-SUB-075',
  title: 'Subject accumulates many role bindings',
  description:
    'A subject named in many bindings is hard to review and tends to hold more than it needs; consolidate its rights into one role per purpose. The threshold is the rule parameter `maxBindings` (default 4).',
  severity: 'info',
  family: 'rbac',
  inputs: RBAC,
  refs: ['krane subjects-with-many-roles'],
  params: {
    maxBindings: {
      default: 4,
      description: 'Report subjects named in more bindings than this.',
      schema: { type: 'integer', minimum: 0, title: 'a whole number' },
    },
  },
  check(ctx) {
    const max = typeof ctx.params.maxBindings === 'number' ? ctx.params.maxBindings : 4;
    // Insertion-ordered sets: each binding once per subject, in input order (a Set, not a list scan per subject).
    const bySubject = new Map<string, Set<ReviewedBinding>>();
    for (const entry of reviewedBindings(ctx)) {
      for (const s of entry.binding.subjects) {
        const id =
          s.kind === 'ServiceAccount'
            ? `ServiceAccount ${s.namespace || entry.binding.namespace}/${s.name}`
            : `${s.kind} ${s.name}`;
        const set = bySubject.get(id);
        if (set) set.add(entry);
        else bySubject.set(id, new Set([entry]));
      }
    }
    for (const [subject, set] of bySubject) {
      if (set.size <= max) continue;
      const entries = [...set];
      const last = entries[entries.length - 1]!;
      ctx.report({
        object: last.object,
        path: ['subjects'],
        key: subject,
        message: `${subject} is named in ${entries.length} bindings (more than ${max}): ${entries.map((e) => describeBinding(e.binding)).join(', ')}`,
        evidence: {
          subject,
          bindings: entries.map((e) => ({
            kind: e.binding.kind,
            name: e.binding.name,
            namespace: e.binding.namespace,
            role: e.role.name,
          })),
        },
      });
    }
  },
});
