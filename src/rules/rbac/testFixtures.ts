// Builders for the RBAC rule tests: a role and a binding as YAML, with the line each finding points at.

export interface RuleYaml {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface GrantOptions {
  rules: RuleYaml[];
  /** RoleBinding namespace; absent = ClusterRoleBinding. */
  namespace?: string;
  /** Bind a namespaced Role (in `namespace`) instead of a ClusterRole. */
  role?: 'Role' | 'ClusterRole';
  name?: string;
  roleName?: string;
  subjects?: string;
  labels?: Record<string, string>;
}

const list = (values: string[]) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;

export function roleYaml(
  kind: 'Role' | 'ClusterRole',
  name: string,
  rules: RuleYaml[],
  namespace?: string,
  labels?: Record<string, string>,
): string {
  const meta = [`  name: ${name}`];
  if (namespace) meta.push(`  namespace: ${namespace}`);
  if (labels)
    meta.push('  labels:', ...Object.entries(labels).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`));
  const body = rules.map((r) => {
    const lines: string[] = [];
    if (r.apiGroups) lines.push(`apiGroups: ${list(r.apiGroups)}`);
    if (r.resources) lines.push(`resources: ${list(r.resources)}`);
    if (r.resourceNames) lines.push(`resourceNames: ${list(r.resourceNames)}`);
    if (r.nonResourceURLs) lines.push(`nonResourceURLs: ${list(r.nonResourceURLs)}`);
    lines.push(`verbs: ${list(r.verbs)}`);
    return lines.map((l, i) => `${i === 0 ? '  - ' : '    '}${l}`).join('\n');
  });
  return `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n${meta.join('\n')}\nrules:\n${body.join('\n')}\n`;
}

export const USER_ALICE =
  '  - kind: User\n    name: alice@contoso.com\n    apiGroup: rbac.authorization.k8s.io\n';

export function bindingYaml(
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  name: string,
  roleKind: string,
  roleName: string,
  subjects: string,
  namespace?: string,
): string {
  const meta = [`  name: ${name}`];
  if (namespace) meta.push(`  namespace: ${namespace}`);
  return `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n${meta.join('\n')}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ${roleKind}\n  name: ${roleName}\nsubjects:\n${subjects}`;
}

/** A role and a binding to it; `line` is the binding's `roleRef:` line, `resource` the binding as findings name it. */
export function grantYaml(options: GrantOptions): { yaml: string; line: number; resource: string } {
  const roleKind = options.role ?? 'ClusterRole';
  const roleName = options.roleName ?? 'custom';
  const name = options.name ?? 'grant';
  const role = roleYaml(
    roleKind,
    roleName,
    options.rules,
    roleKind === 'Role' ? options.namespace : undefined,
    options.labels,
  );
  const kind = options.namespace ? 'RoleBinding' : 'ClusterRoleBinding';
  const binding = bindingYaml(
    kind,
    name,
    roleKind,
    roleName,
    options.subjects ?? USER_ALICE,
    options.namespace,
  );
  const yaml = `${role}---\n${binding}`;
  return {
    yaml,
    line: lineOf(yaml, 'roleRef:'),
    resource: options.namespace ? `${kind} ${options.namespace}/${name}` : `${kind} ${name}`,
  };
}

/** 1-based line of the first line containing `text` (after `from`, if given). */
export function lineOf(yaml: string, text: string, from = 0): number {
  const lines = yaml.split('\n');
  for (let i = from; i < lines.length; i++) if (lines[i]!.includes(text)) return i + 1;
  throw new Error(`"${text}" not in the YAML`);
}
