import { defineRule } from '../defineRule.js';
import { inputsOf, RBAC } from '../inputs.js';
import {
  EXCEPTIONS_PARAM,
  type GrantStatement,
  grantingAny,
  grantStatement,
  grants,
  PerRoleScope,
  reportGrant,
  reviewedGranting,
} from './support.js';

const ENFORCING = new Set(['baseline', 'restricted']);
const CREATE_PODS = [{ verb: 'create', apiGroup: '', resource: 'pods' }];

export default defineRule({
  id: 'RBAC-WL-023',
  title: 'Subject can create privileged pods (no Pod Security enforcement)',
  description:
    'Where a namespace does not enforce the baseline or restricted Pod Security level, whoever can create pods can create a privileged one, take over its node and every pod and token on it. Namespaces are judged only when their Namespace object is in the input; a cluster-wide grant is reported when any such namespace exists.',
  severity: 'critical',
  family: 'rbac',
  inputs: inputsOf(RBAC, { kubernetes: ['Namespace'] }),
  refs: ['Kubernetes RBAC good practices: workload creation', 'IceKube CREATE_PRIVILEGED_WORKLOAD'],
  fix: {
    manifest:
      'Label the namespace pod-security.kubernetes.io/enforce: baseline (or restricted), or remove pod creation from the role.',
  },
  params: EXCEPTIONS_PARAM,
  check(ctx) {
    const open: string[] = [];
    for (const ns of ctx.inventory.namespaces.values()) {
      if (!ns.object) continue;
      const level = ns.labels['pod-security.kubernetes.io/enforce'];
      if (!level || !ENFORCING.has(level)) open.push(ns.name);
    }
    if (open.length === 0) return;
    const everywhere = open.sort().join(', ');
    // Decided once per (role, scope): nothing here depends on the binding beyond them.
    const statements = new PerRoleScope<GrantStatement | null>(ctx, (entry) => {
      const hit = grants(entry, CREATE_PODS);
      if (!hit) return null;
      const where = entry.scope === undefined ? everywhere : entry.scope;
      return grantStatement(
        entry,
        [hit],
        `create privileged pods (namespace ${where} enforces no Pod Security level)`,
      );
    });
    for (const entry of reviewedGranting(ctx, grantingAny(ctx, CREATE_PODS))) {
      if (entry.scope !== undefined && !open.includes(entry.scope)) continue;
      const statement = statements.of(entry);
      if (statement !== null) reportGrant(ctx, entry, statement);
    }
  },
});
