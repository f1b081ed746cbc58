import { isBaselineBinding } from '../../engines/rbac/baseline.js';
import { isBuiltin } from '../../engines/rbac/fromInventory.js';
import { defineRule } from '../defineRule.js';
import { RBAC } from '../inputs.js';
import { describeBinding, hasRbacInput, rbacEngineOf } from './support.js';

export default defineRule({
  id: 'RBAC-SUB-074',
  title: 'Binding refers to a role that does not exist',
  description:
    'A binding whose roleRef does not resolve grants nothing today, but whoever later creates a role of that name decides what the subjects can do — a pre-staged grant. Bootstrap ClusterRoles count as existing even when the input does not show them.',
  severity: 'medium',
  family: 'rbac',
  inputs: RBAC,
  refs: ['Kubernetes RBAC good practices: periodic review', 'krane subjects-with-non-existing-roles'],
  fix: { manifest: 'Delete the binding, or create the role it names.' },
  check(ctx) {
    // Nothing from the input in the engine: no binding to resolve.
    if (!hasRbacInput(ctx)) return;
    const engine = rbacEngineOf(ctx);
    for (const binding of engine.bindings) {
      const origin = binding.origin;
      if (!origin || isBuiltin(origin) || isBaselineBinding(binding)) continue;
      const { error } = engine.resolve(binding);
      if (!error) continue;
      ctx.report({
        object: origin,
        path: ['roleRef', 'name'],
        message: `${describeBinding(binding)} refers to ${binding.roleRef.kind} "${binding.roleRef.name}", which is not defined (${error})`,
        evidence: { roleRef: binding.roleRef, error },
      });
    }
  },
});
