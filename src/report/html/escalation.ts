/**
 * Escalation diagrams for RBAC findings: the subject of the finding, each step of its shortest path to
 * cluster-admin power with the permission it uses and the binding that grants it, then cluster-admin. A subject
 * with no such path gets the grant the finding is about (subject → binding and role → permission).
 */
import type { RbacEngine } from '../../engines/rbac/engine.js';
import {
  describeRequest,
  type EscalationGraph,
  type EscalationPath,
  type PathStep,
  subjectNodeId,
} from '../../engines/rbac/escalation.js';
import type { RbacOrigin } from '../../engines/rbac/fromInventory.js';
import type { Finding } from '../../model/finding.js';
import { isJsonObject } from '../../model/json.js';
import type { Graph, GraphNode } from './graph.js';

export interface SubjectRef {
  kind: string;
  name: string;
  namespace?: string;
}

/** `ServiceAccount ops/bot`, `User alice`, `Group devs`. */
export function describeSubject(subject: SubjectRef): string {
  return subject.kind === 'ServiceAccount'
    ? `ServiceAccount ${subject.namespace ?? ''}/${subject.name}`
    : `${subject.kind} ${subject.name}`;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The subjects a finding is about, from its evidence (`subjects` of a binding chain, or `serviceAccount`). */
export function subjectsOf(finding: Finding): SubjectRef[] {
  const evidence = finding.evidence;
  if (!evidence) return [];
  const out: SubjectRef[] = [];
  const bindingNamespace = isJsonObject(evidence.binding) ? text(evidence.binding.namespace) : undefined;
  if (Array.isArray(evidence.subjects)) {
    for (const subject of evidence.subjects) {
      if (!isJsonObject(subject)) continue;
      const kind = text(subject.kind);
      const name = text(subject.name);
      if (!kind || !name) continue;
      const namespace = text(subject.namespace) ?? (kind === 'ServiceAccount' ? bindingNamespace : undefined);
      out.push(namespace !== undefined ? { kind, name, namespace } : { kind, name });
    }
  }
  if (isJsonObject(evidence.serviceAccount)) {
    const name = text(evidence.serviceAccount.name);
    const namespace = text(evidence.serviceAccount.namespace);
    if (name && namespace !== undefined) out.push({ kind: 'ServiceAccount', name, namespace });
  }
  return out;
}

/** `from: /^ServiceAccount:ns:name$/` etc. back to a readable subject. */
export function describeNodeId(id: string): string {
  const sa = /^ServiceAccount:([^:]*):(.*)$/.exec(id);
  if (sa) return `ServiceAccount ${sa[1]}/${sa[2]}`;
  const other = /^(User|Group):(.*)$/.exec(id);
  if (other) return `${other[1]} ${other[2]}`;
  return id;
}

/** Who grants a step: the binding that allows its first request to the acting identity. */
function grantedBy(engine: RbacEngine<RbacOrigin>, step: PathStep): string {
  const actor = step.actor;
  if (actor.kind === 'grant') return `through ${actor.label}`;
  const request = step.requests[0];
  if (!request) return '';
  if (engine.isPrivileged(actor.user)) return 'member of a privileged group (RBAC bypassed)';
  const decision = engine.authorizeRbac(actor.user, request);
  const binding = decision.grant?.binding;
  if (!binding) return '';
  const where = binding.namespace ? `${binding.namespace}/` : '';
  return `via ${binding.kind} ${where}${binding.name} (${binding.roleRef.kind} ${binding.roleRef.name})`;
}

function stepNode(engine: RbacEngine<RbacOrigin>, step: PathStep, index: number): GraphNode {
  const request = step.requests[0];
  const permission = request
    ? `${describeRequest(request)}${step.requests.length > 1 ? ` (+${step.requests.length - 1})` : ''}`
    : '';
  const label = step.description || step.primitive;
  const by = grantedBy(engine, step);
  const detail = [permission, by].filter(Boolean).join(' · ');
  const node: GraphNode = { id: `step-${index}`, label: `${index + 1}. ${label}`, kind: 'step' };
  if (detail) node.detail = detail;
  return node;
}

/** The diagram of one escalation path. */
export function pathGraph(
  id: string,
  engine: RbacEngine<RbacOrigin>,
  subject: string,
  path: EscalationPath,
  role = 'subject of the finding',
): Graph {
  const nodes: GraphNode[] = [{ id: 'subject', label: subject, kind: 'subject', detail: role }];
  const edges: Graph['edges'] = [];
  let previous = 'subject';
  path.steps.forEach((step, index) => {
    const node = stepNode(engine, step, index);
    nodes.push(node);
    edges.push({ from: previous, to: node.id, label: step.primitive });
    previous = node.id;
    if (step.to === 'goal' || index === path.steps.length - 1) return;
    const identity: GraphNode = {
      id: `as-${index}`,
      label: describeNodeId(step.to),
      kind: 'identity',
      detail: 'acts as',
    };
    nodes.push(identity);
    edges.push({ from: previous, to: identity.id, label: 'then as' });
    previous = identity.id;
  });
  nodes.push({ id: 'goal', label: path.goal, kind: 'goal', detail: 'every verb on every resource' });
  edges.push({ from: previous, to: 'goal', label: 'reaches' });
  return {
    id,
    title: `Escalation path of ${subject} to ${path.goal} in ${path.steps.length} step${path.steps.length === 1 ? '' : 's'}`,
    nodes,
    edges,
    direction: 'TB',
  };
}

/** The grant a binding-chain finding is about, for a subject with no path to cluster-admin. */
export function grantGraph(id: string, subject: string, finding: Finding): Graph | undefined {
  const evidence = finding.evidence;
  if (!evidence || !isJsonObject(evidence.binding) || !isJsonObject(evidence.role)) return undefined;
  const binding = evidence.binding;
  const role = evidence.role;
  const grants = Array.isArray(evidence.grants) ? evidence.grants.filter(isJsonObject) : [];
  const permission = grants
    .map((grant) => text(grant.request))
    .filter(Boolean)
    .join(', ');
  const scope = text(evidence.scope);
  const where = text(binding.namespace) ? `${text(binding.namespace)}/` : '';
  const nodes: GraphNode[] = [
    { id: 'subject', label: subject, kind: 'subject', detail: 'subject of the finding' },
    {
      id: 'binding',
      label: `${text(binding.kind) ?? 'binding'} ${where}${text(binding.name) ?? ''}`,
      kind: 'step',
      detail: `grants ${text(role.kind) ?? 'role'} ${text(role.name) ?? ''}`,
    },
    {
      id: 'permission',
      label: permission || finding.title,
      kind: 'goal',
      detail: scope === '*' ? 'cluster-wide' : scope ? `in namespace ${scope}` : 'granted',
    },
  ];
  return {
    id,
    title: `How ${subject} gets: ${finding.title}`,
    nodes,
    edges: [
      { from: 'subject', to: 'binding', label: 'bound by' },
      { from: 'binding', to: 'permission', label: 'allows' },
    ],
    direction: 'TB',
  };
}

/**
 * One diagram per RBAC finding that names a subject: its escalation path to cluster-admin when it has one (the
 * first subject that does), else the grant of the finding. Keyed by fingerprint; at most `max` diagrams.
 */
export function escalationDiagrams(
  findings: readonly Finding[],
  engine: RbacEngine<RbacOrigin>,
  graph: EscalationGraph<RbacOrigin>,
  max = 400,
): { diagrams: Map<string, Graph>; omitted: number } {
  const distances = graph.analyse();
  const paths = new Map<string, EscalationPath | undefined>();
  const diagrams = new Map<string, Graph>();
  let omitted = 0;
  for (const finding of findings) {
    if (!finding.ruleId.startsWith('RBAC-')) continue;
    const subjects = subjectsOf(finding);
    if (subjects.length === 0) continue;
    if (diagrams.size >= max) {
      omitted++;
      continue;
    }
    const id = `path-${finding.fingerprint}`;
    const reaching = subjects.find((s) => distances.has(subjectNodeId(s.kind, s.name, s.namespace)));
    let diagram: Graph | undefined;
    if (reaching) {
      const key = subjectNodeId(reaching.kind, reaching.name, reaching.namespace);
      if (!paths.has(key)) paths.set(key, graph.pathOf(key));
      const path = paths.get(key);
      if (path) diagram = pathGraph(id, engine, describeSubject(reaching), path);
    }
    diagram ??= grantGraph(id, describeSubject(subjects[0]!), finding);
    if (diagram) diagrams.set(finding.fingerprint, diagram);
  }
  return { diagrams, omitted };
}
