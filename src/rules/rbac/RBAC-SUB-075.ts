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
    // Per subject: how many bindings name it, and the last one counted (a subject listed twice in one binding
    // counts once); per naming, the subject and the binding's position. Lists are made only for the subjects over
    // the threshold, not one per subject.
    const counts: number[] = [];
    const lastPosition: number[] = [];
    const namedSubject: number[] = [];
    const namedAt: number[] = [];
    // The subjects numbered in order of first use, by id: two subjects whose ids read the same are one subject.
    const subjectIds: string[] = [];
    const numberOfId = new Map<string, number>();
    // The number of a subject by kind, namespace and name, the strings as read: its id is made once, not per binding.
    const known = new Map<string, Map<string, Map<string, number>>>();
    const numberOf = (kind: string, namespace: string, name: string): number => {
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
      let subject = byName.get(name);
      if (subject === undefined) {
        // Keyed by the id, as shown.
        const id = kind === 'ServiceAccount' ? `ServiceAccount ${namespace}/${name}` : `${kind} ${name}`;
        subject = numberOfId.get(id);
        if (subject === undefined) {
          subject = subjectIds.length;
          subjectIds.push(id);
          numberOfId.set(id, subject);
          counts.push(0);
          lastPosition.push(-1);
        }
        byName.set(name, subject);
      }
      return subject;
    };
    const all = reviewedBindings(ctx);
    for (let position = 0; position < all.length; position++) {
      const entry = all[position]!;
      for (const s of entry.binding.subjects) {
        const namespace = s.kind === 'ServiceAccount' ? `${s.namespace || entry.binding.namespace}` : '';
        const subject = numberOf(s.kind, namespace, s.name);
        if (lastPosition[subject] === position) continue;
        lastPosition[subject] = position;
        counts[subject]!++;
        namedSubject.push(subject);
        namedAt.push(position);
      }
    }
    const listOf: (ReviewedBinding[] | undefined)[] = counts.map((count) => (count > max ? [] : undefined));
    for (let naming = 0; naming < namedSubject.length; naming++)
      listOf[namedSubject[naming]!]?.push(all[namedAt[naming]!]!);
    for (let number = 0; number < subjectIds.length; number++) {
      const entries = listOf[number];
      if (entries === undefined) continue;
      const subject = subjectIds[number]!;
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
