import type { SkippedInput } from '../model/coverage.js';
import { inputKeys, inputOfUnreadable } from '../model/inputs.js';
import type { Rule } from '../rules/defineRule.js';
import type { Report } from './report.js';

/**
 * The zero-trust scorecard: the AKS baseline controls (the ★ rules of the catalogue, `seed: true`), each judged
 * pass, fail or not evaluated from a report. The one place that maps a control to its rules; a test checks it
 * against the catalogue (every ★ rule is scored here or listed in UNSCORED_SEED_RULES with the reason).
 */

export interface ZeroTrustControl {
  /** Stable, for anchors and tests. */
  id: string;
  title: string;
  /** The rules that judge it; any finding above info fails the control. */
  rules: readonly string[];
}

export const ZERO_TRUST_CONTROLS: readonly ZeroTrustControl[] = [
  {
    id: 'rbac-entra',
    title: 'Kubernetes RBAC with Entra ID, no local accounts',
    rules: ['AKS-IAM-01', 'AKS-IAM-02', 'AKS-IAM-04'],
  },
  {
    id: 'managed-identity',
    title: 'Managed identities, kubelet pull-only',
    rules: ['AKS-IAM-06', 'AKS-IAM-09'],
  },
  {
    id: 'network-policy',
    title: 'Network policy engine enforcing valid policies',
    rules: ['AKS-NET-05', 'AKS-NET-06', 'X-NET-policiesNotEnforced', 'NP-invalid'],
  },
  {
    id: 'imds',
    title: 'Instance metadata (IMDS) blocked for pods',
    rules: ['AKS-NET-12', 'NP-imdsReachable'],
  },
  {
    id: 'api-server',
    title: 'Private API server or authorized IP ranges',
    rules: ['AKS-NET-03', 'AKS-NET-04'],
  },
  {
    id: 'exposure',
    title: 'Internal load balancers, WAF in front of public apps',
    rules: ['AKS-NET-10', 'AKS-NET-08', 'WL-NET-publicLoadBalancer', 'WL-NET-ingressNoTLS'],
  },
  {
    id: 'node-patching',
    title: 'Nodes patched automatically, no SSH',
    rules: ['AKS-NODE-01', 'AKS-NODE-02', 'AKS-NODE-06', 'AKS-NODE-05'],
  },
  {
    id: 'disk-encryption',
    title: 'Disk encryption (host, customer key)',
    rules: ['AKS-DATA-02', 'AKS-DATA-03'],
  },
  {
    id: 'secrets',
    title: 'Secrets in Key Vault, never in plain text',
    rules: [
      'AKS-DATA-01',
      'AKS-DATA-05',
      'AKS-DATA-06',
      'WL-SEC-plainSecretEnv',
      'WL-SEC-secretAsEnv',
      'WL-SEC-secretInConfigMap',
      'WL-SEC-committedSecret',
    ],
  },
  {
    id: 'isolation',
    title: 'Isolation: namespaces, default-deny, sandboxed pools',
    rules: ['NP-noDefaultDeny', 'NP-dbWideOpen', 'WL-NS-defaultNamespace', 'AKS-NODE-11', 'AKS-GOV-05'],
  },
  { id: 'images', title: 'Images from trusted registries', rules: ['WL-IMG-untrustedRegistry'] },
];

/** ★ rules that no control scores, and why (checked by the catalogue test). */
export const UNSCORED_SEED_RULES: ReadonlyMap<string, string> = new Map([
  [
    'AKS-NET-01',
    'a public endpoint limited to authorized ranges meets the control; AKS-NET-03 and AKS-NET-04 judge it',
  ],
  ['AKS-NET-07', 'a networking choice; what it means for policies is judged by AKS-NET-05 and AKS-NET-06'],
  ['AKS-GOV-02', 'the flag of a feature removed from Kubernetes; informational'],
]);

export type ControlStatus = 'pass' | 'fail' | 'not-evaluated';

export interface ControlResult {
  control: ZeroTrustControl;
  status: ControlStatus;
  /** Findings above info (the ones that fail the control). */
  failing: number;
  /** Rules with failing findings, in the control's order. */
  failingRules: string[];
  /** Informational findings (advice, never a failure). */
  advisory: number;
  /** Findings of the control accepted by a waiver. */
  waived: number;
  /** Why the control (or part of it) could not be judged; empty when every rule was. */
  notEvaluated: string[];
  /**
   * The same in a few words for one line of the table (`AKS-NET-04 (see "Not evaluated" below)`, `1 input not
   * analysed (see the last lines)`): the table lists the rules' reasons and the inputs not analysed after the findings.
   */
  brief: string[];
  /** At least one of the control's rules ran (false when `--rule`/`--family` or the configuration left them all out). */
  ran: boolean;
}

export interface Scorecard {
  controls: ControlResult[];
  counts: Record<ControlStatus, number>;
  /** Findings hidden by a baseline are not counted (the report only knows how many). */
  baselineSuppressed: number;
}

/** What the rules of a control read, from their declared inputs (rules/inputs.ts, DESIGN §4). */
interface ControlInputs {
  /** Some rule reads Kubernetes objects. */
  objects: boolean;
  /** Some rule reads the cluster definition (the managed cluster or a resource beside it). */
  cluster: boolean;
  /** Each declared input (`kubernetes:Kind`, `azure:Name`) with the rules that declare it. */
  readers: Map<string, string[]>;
}

/** Which inputs a skipped file may have defined: templates and charts hold objects; the rest may hold either. */
function skippedMayHold(entry: SkippedInput, inputs: ControlInputs): boolean {
  const objectsOnly = entry.category === 'unrendered-template' || entry.category === 'not-rendered';
  return inputs.objects || (!objectsOnly && inputs.cluster);
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Judges every control from the report and the rules that ran. A control fails on any finding above info; it is
 * not evaluated when one of its rules did not run, said "not evaluated", or lacks an input it declares (no
 * cluster definition, no Kubernetes objects, a file skipped that may hold them, a live list it reads that could
 * not be read). Nothing unread is a pass.
 */
export function zeroTrustScorecard(report: Report, rulesThatRan: readonly Rule[]): Scorecard {
  const ran = new Map<string, Rule>();
  for (const rule of rulesThatRan) ran.set(rule.id, rule);
  const findingsByRule = new Map<string, { failing: number; advisory: number }>();
  for (const finding of report.findings) {
    const counts = findingsByRule.get(finding.ruleId) ?? { failing: 0, advisory: 0 };
    if (finding.severity === 'info') counts.advisory++;
    else counts.failing++;
    findingsByRule.set(finding.ruleId, counts);
  }
  const waivedByRule = new Map<string, number>();
  for (const finding of report.waived)
    waivedByRule.set(finding.ruleId, (waivedByRule.get(finding.ruleId) ?? 0) + 1);
  const notEvaluatedByRule = new Map<string, string[]>();
  for (const entry of report.notEvaluated) {
    const list = notEvaluatedByRule.get(entry.ruleId) ?? [];
    list.push(entry.reason);
    notEvaluatedByRule.set(entry.ruleId, list);
  }
  const skipped = report.coverage.skipped.filter((entry) => entry.significant);

  const controls = ZERO_TRUST_CONTROLS.map((control): ControlResult => {
    let failing = 0;
    let advisory = 0;
    let waived = 0;
    const failingRules: string[] = [];
    const notRun: string[] = [];
    const reasons: string[] = [];
    const inputs: ControlInputs = { objects: false, cluster: false, readers: new Map() };
    for (const id of control.rules) {
      const counts = findingsByRule.get(id);
      if (counts) {
        failing += counts.failing;
        advisory += counts.advisory;
        if (counts.failing > 0) failingRules.push(id);
      }
      waived += waivedByRule.get(id) ?? 0;
      const rule = ran.get(id);
      if (!rule) {
        notRun.push(id);
        continue;
      }
      if (rule.inputs.kubernetes?.length) inputs.objects = true;
      if (rule.inputs.azure?.length) inputs.cluster = true;
      for (const key of inputKeys(rule.inputs))
        inputs.readers.set(key, [...(inputs.readers.get(key) ?? []), id]);
      const said = notEvaluatedByRule.get(id);
      if (said) reasons.push(`${id}: ${said[0]}${said.length > 1 ? ` (and ${said.length - 1} more)` : ''}`);
    }
    const absent: string[] = [];
    if (inputs.cluster && report.inputs.clusters === 0)
      absent.push('no AKS cluster definition among the inputs');
    if (inputs.objects && report.inputs.objects === 0) absent.push('no Kubernetes objects among the inputs');
    const notEvaluated = [...absent];
    if (notRun.length > 0) notEvaluated.push(`not run (disabled or not selected): ${notRun.join(', ')}`);
    notEvaluated.push(...reasons);
    const brief = [...absent];
    if (notRun.length > 0) brief.push(`not run: ${notRun.join(', ')}`);
    const undecided = control.rules.filter((id) => ran.has(id) && notEvaluatedByRule.has(id));
    if (undecided.length > 0) brief.push(`${undecided.join(', ')} (see "Not evaluated" below)`);
    // An unreadable list matters to the rules that declare it; a rule that already said why it was not evaluated
    // (the scan names the unread list) is not told twice.
    const unread = report.coverage.unreadable.filter((entry) => {
      const key = inputOfUnreadable(entry);
      const readers = key === undefined ? [] : (inputs.readers.get(key) ?? []);
      return readers.some((id) => !notEvaluatedByRule.has(id));
    });
    const missed = [
      ...skipped
        .filter((entry) => skippedMayHold(entry, inputs))
        .map((entry) => ({ what: `${entry.path}: ${entry.reason}` })),
      ...unread.map((entry) => ({
        what: `${entry.kind}${entry.namespace ? ` in ${entry.namespace}` : ''} from ${entry.source}: ${entry.reason}`,
      })),
    ];
    if (missed.length > 0) {
      notEvaluated.push(
        `${plural(missed.length, 'input')} not analysed that may hold what it checks (${missed[0]!.what}${missed.length > 1 ? ', …' : ''})`,
      );
      brief.push(`${plural(missed.length, 'input')} not analysed (see the last lines)`);
    }
    const status: ControlStatus = failing > 0 ? 'fail' : notEvaluated.length > 0 ? 'not-evaluated' : 'pass';
    return {
      control,
      status,
      failing,
      failingRules,
      advisory,
      waived,
      notEvaluated,
      brief,
      ran: notRun.length < control.rules.length,
    };
  });
  const counts: Record<ControlStatus, number> = { pass: 0, fail: 0, 'not-evaluated': 0 };
  for (const result of controls) counts[result.status]++;
  return { controls, counts, baselineSuppressed: report.baseline?.suppressed ?? 0 };
}

/**
 * One phrase for a control's verdict: `3 findings (AKS-IAM-02, AKS-IAM-04)`, `not evaluated: ...`, `pass`; `brief`
 * says why not evaluated in a few words (the table), else in full (HTML).
 */
export function describeControl(result: ControlResult, brief = false): string {
  const extras: string[] = [];
  if (result.advisory > 0) extras.push(`${plural(result.advisory, 'advisory finding')}`);
  if (result.waived > 0) extras.push(`${result.waived} waived`);
  const tail = extras.length > 0 ? ` (${extras.join(', ')})` : '';
  switch (result.status) {
    case 'fail':
      return `${plural(result.failing, 'finding')}: ${result.failingRules.join(', ')}${tail}`;
    case 'not-evaluated':
      return `not evaluated: ${(brief ? result.brief : result.notEvaluated).join('; ')}${tail}`;
    case 'pass':
      return `pass${tail}`;
  }
}
