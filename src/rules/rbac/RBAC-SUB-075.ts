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
    // Each binding once per subject, in input order: a binding is added while it is visited, so a repeat of it
    // (a subject listed twice in one binding) is the last one added.
    const bySubject = new Map<string, ReviewedBinding[]>();
    // The set of a subject by kind, namespace and name, the strings as read: its id is made once, not per binding.
    const known = new Map<string, Map<string, Map<string, ReviewedBinding[]>>>();
    const listOf = (kind: string, namespace: string, name: string): ReviewedBinding[] => {
      let byNamespace = known.get(kind);
      if (byNamespace === undefined) {
        byNamespace = new Map();
        known.set(kind, byNamespace);
      }
      let byName = byNamespace.get(namespace);
      if (byName === undefined) {
        byName = new Map();
        byNamespace.set(namespace, byName);
      }
      let list = byName.get(name);
      if (list === undefined) {
        // Keyed by the id, as shown: two subjects whose ids read the same are one subject here.
        const id = kind === 'ServiceAccount' ? `ServiceAccount ${namespace}/${name}` : `${kind} ${name}`;
        list = bySubject.get(id);
        if (list === undefined) {
          list = [];
          bySubject.set(id, list);
        }
        byName.set(name, list);
      }
      return list;
    };
    for (const entry of reviewedBindings(ctx)) {
      for (const s of entry.binding.subjects) {
        const namespace = s.kind === 'ServiceAccount' ? `${s.namespace || entry.binding.namespace}` : '';
        const list = listOf(s.kind, namespace, s.name);
        if (list[list.length - 1] !== entry) list.push(entry);
      }
    }
    for (const [subject, entries] of bySubject) {
      if (entries.length <= max) continue;
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
