import type { Finding } from '../model/finding.js';

/**
 * Folding (DESIGN §4): a finding strictly implied by another on the same subject is reported inside it, in the
 * implying finding's `evidence.implies`, so one cluster-admin binding is one finding rather than 28. `--no-fold`
 * (ScanOptions.fold false) keeps the list unfolded.
 *
 * Implications, each a containment of powers or of conditions:
 * - RBAC-ADM-001 (every verb on every resource, cluster-wide) implies every other power finding whose subjects
 *   all hold it (the same binding, or another binding of the same subjects);
 * - RBAC-ADM-002 on a `*`/`*`/`*` namespace grant implies the other power findings in that namespace whose
 *   subjects all hold it;
 * - RBAC-WL-023 (create privileged pods) implies RBAC-WL-020 (create pods) of the same binding;
 * - X-NET-policiesNotEnforced (policies present, no engine) implies AKS-NET-05 (no engine) of the same cluster.
 * Findings about who the subjects are (RBAC-SUB-*) and about roles (RBAC-WC-003, RBAC-ESC-013) are never folded.
 */

interface Subjects {
  keys: Set<string>;
  scope: string;
}

/** Findings about the identity of the subjects, not about a power they hold. */
const NOT_POWERS = /^RBAC-(SUB-|WC-|ESC-013|AKS-00[345]|AKS-010)/;

type Subject = { kind: string; name: string; namespace?: string };

/** The evidence's subjects and the namespace of its binding, when it names both and its scope. */
function bindingSubjects(finding: Finding): { subjects: Subject[]; namespace: string } | undefined {
  const evidence = finding.evidence;
  const binding = evidence?.binding as { namespace?: string } | undefined;
  const subjects = evidence?.subjects as Subject[] | undefined;
  if (!binding || !Array.isArray(subjects) || typeof evidence?.scope !== 'string') return undefined;
  return { subjects, namespace: binding.namespace ?? '' };
}

function subjectKey(subject: Subject, namespace: string): string {
  return `${subject.kind}\u0000${subject.kind === 'ServiceAccount' ? (subject.namespace ?? namespace) : ''}\u0000${subject.name}`;
}

function subjectsOf(finding: Finding): Subjects | undefined {
  const found = bindingSubjects(finding);
  if (found === undefined) return undefined;
  const keys = new Set(found.subjects.map((subject) => subjectKey(subject, found.namespace)));
  return { keys, scope: finding.evidence!.scope as string };
}

/** The key of the first of `subjectsOf(finding).keys`, without the set. */
function firstSubjectKey(finding: Finding): string | undefined {
  const found = bindingSubjects(finding);
  const first = found?.subjects[0];
  return first === undefined ? undefined : subjectKey(first, found!.namespace);
}

function isFullGrant(finding: Finding): boolean {
  const grants = finding.evidence?.grants as { request?: string }[] | undefined;
  return Array.isArray(grants) && grants.length === 1 && /^\* \*\.\*( in |$)/.test(grants[0]?.request ?? '');
}

function sameResource(a: Finding, b: Finding): boolean {
  return (
    a.resource.kind === b.resource.kind &&
    a.resource.name === b.resource.name &&
    (a.resource.namespace ?? '') === (b.resource.namespace ?? '') &&
    (a.resource.id ?? '') === (b.resource.id ?? '') &&
    (a.location?.file ?? '') === (b.location?.file ?? '')
  );
}

function resourceKey(finding: Finding): string {
  const { kind, namespace, name, id } = finding.resource;
  return `${kind}\u0000${namespace ?? ''}\u0000${name}\u0000${id ?? ''}\u0000${finding.location?.file ?? ''}`;
}

function subset(inner: Set<string>, outer: Set<string>): boolean {
  if (inner.size === 0) return false;
  for (const key of inner) if (!outer.has(key)) return false;
  return true;
}

/** Whether `by` strictly implies `finding` (both distinct findings of one scan). */
export function implies(by: Finding, finding: Finding): boolean {
  return impliesWith(
    by,
    () => subjectsOf(by),
    finding,
    () => subjectsOf(finding),
  );
}

/**
 * The findings a folder implies through their resource rather than their subjects (in `impliesWith`: X-NET-
 * policiesNotEnforced → AKS-NET-05, RBAC-WL-023 → RBAC-WL-020): the only ones `foldFindings` looks up by resource.
 */
const FOLDED_BY_RESOURCE: ReadonlySet<string> = new Set(['AKS-NET-05', 'RBAC-WL-020']);

/** `implies`, the subjects of either finding computed only when needed (and then, by the caller, only once). */
function impliesWith(
  by: Finding,
  holderSubjects: () => Subjects | undefined,
  finding: Finding,
  targetSubjects: () => Subjects | undefined,
): boolean {
  if (by === finding) return false;
  if (by.ruleId === 'X-NET-policiesNotEnforced')
    return (
      finding.ruleId === 'AKS-NET-05' && by.evidence?.policies !== undefined && sameResource(by, finding)
    );
  if (!finding.ruleId.startsWith('RBAC-') || NOT_POWERS.test(finding.ruleId)) return false;
  if (by.ruleId === 'RBAC-WL-023') return finding.ruleId === 'RBAC-WL-020' && sameResource(by, finding);
  const holder = holderSubjects();
  const target = targetSubjects();
  if (!holder || !target || !subset(target.keys, holder.keys)) return false;
  if (by.ruleId === 'RBAC-ADM-001') return finding.ruleId !== 'RBAC-ADM-001';
  if (by.ruleId === 'RBAC-ADM-002' && isFullGrant(by) && holder.scope !== '*')
    return (
      finding.ruleId !== 'RBAC-ADM-001' && finding.ruleId !== 'RBAC-ADM-002' && target.scope === holder.scope
    );
  return false;
}

/**
 * Folds the implied findings into the ones that imply them (the most powerful one when several do). A finding
 * implied by a finding that is itself folded goes to the top of that chain. Order is kept.
 */
export function foldFindings(findings: readonly Finding[]): Finding[] {
  const folders = findings.filter(
    (finding) =>
      finding.ruleId === 'RBAC-ADM-001' ||
      finding.ruleId === 'RBAC-ADM-002' ||
      finding.ruleId === 'RBAC-WL-023' ||
      finding.ruleId === 'X-NET-policiesNotEnforced',
  );
  if (folders.length === 0) return [...findings];
  // Candidates by a subject they name or by resource, so a large scan costs findings × a few, not × folders.
  const bySubject = new Map<string, Finding[]>();
  const byResource = new Map<string, Finding[]>();
  const add = (map: Map<string, Finding[]>, key: string, folder: Finding) => {
    const list = map.get(key);
    if (list) list.push(folder);
    else map.set(key, [folder]);
  };
  const folderSubjects = new Map<Finding, Subjects | undefined>();
  for (const folder of folders) {
    add(byResource, resourceKey(folder), folder);
    const subjects = subjectsOf(folder);
    folderSubjects.set(folder, subjects);
    for (const key of subjects?.keys ?? []) add(bySubject, key, folder);
  }
  const order = new Map(folders.map((folder, index) => [folder, index]));
  const into = new Map<Finding, Finding>();
  for (const finding of findings) {
    // A folder implies a finding through their subjects (the finding's first subject is one of the folder's), or
    // through their resource for the two pairs that need it (WL-023 → WL-020, X-NET → AKS-NET-05): a folder found
    // by resource for any other finding implies it only if it is also found by subject.
    const byItsResource = FOLDED_BY_RESOURCE.has(finding.ruleId)
      ? byResource.get(resourceKey(finding))
      : undefined;
    const first = firstSubjectKey(finding);
    const byItsSubject = first === undefined ? undefined : bySubject.get(first);
    if (byItsResource === undefined && byItsSubject === undefined) continue;
    // Order of the scan; an ADM-001 wins over ADM-002 over WL-023: the widest power that implies it.
    const list = inScanOrder(byItsResource, byItsSubject, order);
    let target: Subjects | undefined | null = null;
    const targetSubjects = () => {
      if (target === null) target = subjectsOf(finding);
      return target;
    };
    const impliedBy = (folder: Finding) =>
      impliesWith(folder, () => folderSubjects.get(folder), finding, targetSubjects);
    const by =
      list.find((f) => f.ruleId === 'RBAC-ADM-001' && impliedBy(f)) ?? list.find((f) => impliedBy(f));
    if (by) into.set(finding, by);
  }
  const top = (finding: Finding): Finding => {
    let current = finding;
    for (let guard = 0; into.has(current) && guard < 8; guard++) current = into.get(current)!;
    return current;
  };
  const implied = new Map<Finding, Finding[]>();
  for (const [finding] of into) {
    const holder = top(finding);
    if (holder === finding) continue;
    const list = implied.get(holder) ?? [];
    list.push(finding);
    implied.set(holder, list);
  }
  const out: Finding[] = [];
  for (const finding of findings) {
    if (into.has(finding) && top(finding) !== finding) continue;
    const folded = implied.get(finding);
    if (!folded) {
      out.push(finding);
      continue;
    }
    out.push({
      ...finding,
      message: `${finding.message}; implies ${folded.length} more finding(s) (see evidence.implies, or --no-fold)`,
      evidence: {
        ...finding.evidence,
        implies: folded.map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          title: f.title,
          ...(f.location && !sameResource(f, finding) ? { location: f.location } : {}),
          ...(!sameResource(f, finding) ? { resource: f.resource } : {}),
        })),
      },
    });
  }
  return out;
}

/** The folders of two lists (each in scan order, without repeats) in scan order, once each. */
function inScanOrder(
  a: readonly Finding[] | undefined,
  b: readonly Finding[] | undefined,
  order: ReadonlyMap<Finding, number>,
): readonly Finding[] {
  if (a === undefined) return b ?? [];
  if (b === undefined) return a;
  return [...new Set([...a, ...b])].sort((x, y) => order.get(x)! - order.get(y)!);
}
