/**
 * aksguard rules written in CEL, for ValidatingAdmissionPolicies: each expression is true when the object passes the
 * rule. They mirror the rules' code (and, for the Pod Security checks, k8s.io/pod-security-admission at its latest
 * version, as the rules judge) over the object as the API server admits it, and use only CEL's standard library and
 * the strings extension Kubernetes enables (`lastIndexOf`, `substring`, `lowerAscii`, `indexOf`). The suite
 * evaluates every expression on every valid and invalid example of its rule (tests and docs) and requires the
 * rule's verdict.
 */
import { BASELINE_ALLOWED_CAPABILITIES } from '../../engines/pss/checks/capabilities_baseline.js';
import {
  ALLOWED_VOLUME_SOURCES,
  RESTRICTED_VOLUME_SOURCES,
} from '../../engines/pss/checks/restrictedVolumes.js';
import { KUBERNETES_KINDS, type KubernetesKind } from '../../model/inputs.js';
import { workloadKindOf } from '../../model/workloadKinds.js';
import { NAMESPACED_KINDS, WORKLOAD_KINDS } from '../../rules/inputs.js';

/**
 * The workload kinds a policy can judge: those whose pods come from a template in the object
 * (model/workloadKinds.ts). The operator CRDs (Prometheus, Alertmanager, ThanosRuler) are left to the webhook and the
 * scan: their pods carry a container the operator writes, which the object does not show.
 */
export const POLICY_WORKLOAD_KINDS: readonly KubernetesKind[] = WORKLOAD_KINDS.filter((name) =>
  Array.isArray(templatePathOf(name)),
);

function templatePathOf(name: KubernetesKind): readonly string[] | undefined {
  const info = KUBERNETES_KINDS[name];
  const pods = workloadKindOf(info.kind, info.group)?.pods;
  return Array.isArray(pods) ? pods : undefined;
}

/** Kinds whose pods run to completion (Jobs): the probe rules do not apply. */
const RUN_TO_COMPLETION_KINDS = [
  ...new Set(
    POLICY_WORKLOAD_KINDS.filter((name) => {
      const info = KUBERNETES_KINDS[name];
      return workloadKindOf(info.kind, info.group)?.runToCompletion === true;
    }).map((name) => KUBERNETES_KINDS[name].kind),
  ),
];

/** `object.<template path>.<field>` chosen by the object's kind, from the workload-kind table. */
function podField(field: 'spec' | 'metadata'): string {
  const byPath = new Map<string, string[]>();
  for (const name of POLICY_WORKLOAD_KINDS) {
    const path = (templatePathOf(name) ?? []).join('.');
    const kinds = byPath.get(path) ?? [];
    const kind = KUBERNETES_KINDS[name].kind;
    if (!kinds.includes(kind)) kinds.push(kind);
    byPath.set(path, kinds);
  }
  const access = (path: string) => {
    const base = path === '' ? 'object' : `object.${path}`;
    return field === 'spec' ? `${base}.spec` : `(has(${base}.metadata) ? ${base}.metadata : {})`;
  };
  const common = 'spec.template';
  let expression = access(common);
  for (const [path, kinds] of [...byPath].reverse()) {
    if (path === common) continue;
    const test = kinds.map((kind) => `object.kind == ${str(kind)}`).join(' || ');
    const value = path === '' && field === 'metadata' ? 'object.metadata' : access(path);
    expression = `(${test}) ? ${value} : ${expression}`;
  }
  return expression;
}

/** Variables a policy may declare (`variables.NAME`), each in CEL over `object` and earlier variables. */
export const VARIABLES = {
  /** The pod spec of a Pod, a PodTemplate, or a workload's template (model/workloadKinds.ts), e.g. a CronJob's job template. */
  spec: podField('spec'),
  /** The pod's metadata (annotations of the template). */
  podMeta: podField('metadata'),
  /** Init, regular and ephemeral containers, as Pod Security visits them. */
  containers: `(has(variables.spec.initContainers) ? variables.spec.initContainers : []) + (has(variables.spec.containers) ? variables.spec.containers : []) + (has(variables.spec.ephemeralContainers) ? variables.spec.ephemeralContainers : [])`,
  /** Init and regular containers (ephemeral ones take no resources and no root filesystem setting). */
  nonEphemeral: `(has(variables.spec.initContainers) ? variables.spec.initContainers : []) + (has(variables.spec.containers) ? variables.spec.containers : [])`,
  podSecurity: `has(variables.spec.securityContext) ? variables.spec.securityContext : {}`,
  windows: `has(variables.spec.os) && has(variables.spec.os.name) && variables.spec.os.name == 'windows'`,
  /**
   * The pod is pinned to Windows nodes as model/podOs.ts targetsWindows decides (os.name, the kubernetes.io/os node
   * selector or required node affinity): the Linux-only hardening rules skip it.
   */
  windowsNodes: `(has(variables.spec.os) && has(variables.spec.os.name) && variables.spec.os.name == 'windows') || (has(variables.spec.nodeSelector) && 'kubernetes.io/os' in variables.spec.nodeSelector && string(variables.spec.nodeSelector['kubernetes.io/os']).lowerAscii() == 'windows') || (has(variables.spec.affinity) && has(variables.spec.affinity.nodeAffinity) && has(variables.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution) && has(variables.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms) && variables.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.exists(t, has(t.matchExpressions) && t.matchExpressions.exists(e, has(e.key) && e.key == 'kubernetes.io/os' && has(e.operator) && e.operator == 'In' && has(e.values) && e.values.exists(v, string(v).lowerAscii() == 'windows'))))`,
  userNamespace: `has(variables.spec.hostUsers) && variables.spec.hostUsers == false`,
  nsLabels: `namespaceObject != null && has(namespaceObject.metadata) && has(namespaceObject.metadata.labels) ? namespaceObject.metadata.labels : {}`,
} as const;

export type VariableName = keyof typeof VARIABLES;

/** The order variables are declared in (each may use the ones before it). */
export const VARIABLE_ORDER: readonly VariableName[] = [
  'spec',
  'podMeta',
  'containers',
  'nonEphemeral',
  'podSecurity',
  'windows',
  'windowsNodes',
  'userNamespace',
  'nsLabels',
];

const DEPENDS: Record<VariableName, VariableName[]> = {
  spec: [],
  podMeta: [],
  containers: ['spec'],
  nonEphemeral: ['spec'],
  podSecurity: ['spec'],
  windows: ['spec'],
  windowsNodes: ['spec'],
  userNamespace: ['spec'],
  nsLabels: [],
};

export function withDependencies(names: readonly VariableName[]): VariableName[] {
  const out = new Set<VariableName>();
  const add = (name: VariableName) => {
    for (const dependency of DEPENDS[name]) add(dependency);
    out.add(name);
  };
  for (const name of names) add(name);
  return VARIABLE_ORDER.filter((name) => out.has(name));
}

export interface CelContext {
  /** The rule's parameters (defaults merged with the configuration). */
  params: Record<string, unknown>;
  /** Pod Security level of namespaces without labels (the scan's `pssLevel`). */
  pssLevel: 'baseline' | 'restricted';
  /** Pod Security version of namespaces without labels (the scan's `pssVersion`): `latest` or `v1.N`. */
  pssVersion: string;
}

/** `latest` as a number every minor version is below. */
const LATEST = 1000;

function versionNumber(version: string): number {
  const match = /^v1\.([0-9]|[1-9][0-9]*)$/.exec(version);
  return match ? Number(match[1]) : LATEST;
}

export interface CelRule {
  ruleId: string;
  /** The kinds the policy matches. */
  kinds: readonly KubernetesKind[];
  /** Whether the binding must also cover kube-system (the rule is about it). */
  includeSystemNamespaces?: boolean;
  variables: VariableName[];
  /** True when the object passes. */
  expression(context: CelContext): string;
  /** What the message says after the rule id and the object. */
  message: string;
}

/** A CEL string literal. */
export function str(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function list(values: Iterable<string>): string {
  return `[${[...values].map(str).join(', ')}]`;
}

/** `has(a.b.c)` for every step of a path, then the condition on it. */
function at(base: string, path: string[]): string {
  const steps: string[] = [];
  for (let i = 1; i <= path.length; i++) steps.push(`has(${base}.${path.slice(0, i).join('.')})`);
  return `(${steps.join(' && ')})`;
}

// ---- Pod Security levels of the namespace (pod-security-admission PolicyToEvaluate) --------------------------------

const LEVELS = "['privileged', 'baseline', 'restricted']";
/** The enforce level: labelled (an invalid value fails closed: restricted), else the scan's default. */
function enforceLevel(context: CelContext): string {
  const label = str('pod-security.kubernetes.io/enforce');
  return `(${label} in variables.nsLabels ? (variables.nsLabels[${label}] in ${LEVELS} ? variables.nsLabels[${label}] : 'restricted') : ${str(context.pssLevel)})`;
}
/** The warn level: labelled and valid (an invalid value fails open), else privileged (then enforce decides). */
function warnLevel(): string {
  const label = str('pod-security.kubernetes.io/warn');
  return `(${label} in variables.nsLabels && variables.nsLabels[${label}] in ${LEVELS} ? variables.nsLabels[${label}] : 'privileged')`;
}
/** A mode's version as a minor number (`latest`, unlabelled or invalid: above every version). */
function modeVersion(mode: 'enforce' | 'warn', fallback: number): string {
  const label = str(`pod-security.kubernetes.io/${mode}-version`);
  return `(${label} in variables.nsLabels && variables.nsLabels[${label}].matches('^v1\\\\.([0-9]|[1-9][0-9]*)$') ? int(variables.nsLabels[${label}].substring(3)) : ${fallback})`;
}

interface PssCheck {
  level: 'baseline' | 'restricted';
  /** The first version with the check. */
  minVersion: number;
  /** A baseline check that a restricted one replaces at restricted, from this version. */
  overriddenFrom?: number;
}

/** Whether the check applies at a mode's level and version (pod-security-admission's check registry). */
function applies(check: PssCheck, level: string, version: string): string {
  const atLevel =
    check.level === 'restricted'
      ? `${level} == 'restricted'`
      : check.overriddenFrom === undefined
        ? `${level} != 'privileged'`
        : `(${level} == 'baseline' || (${level} == 'restricted' && ${version} < ${check.overriddenFrom}))`;
  return `(${atLevel} && ${version} >= ${check.minVersion})`;
}

/**
 * A Pod Security check at the namespace's enforce policy and at its warn policy (the rules report both): the object
 * passes unless the check applies at one of them and fails at that policy's version.
 */
function pss(
  ruleId: string,
  check: PssCheck,
  variables: VariableName[],
  passes: (version: string) => string,
  message: string,
): CelRule {
  return {
    ruleId,
    kinds: POLICY_WORKLOAD_KINDS,
    variables: ['nsLabels', ...variables],
    expression: (context) => {
      const fallback = versionNumber(context.pssVersion);
      const enforceVersion = modeVersion('enforce', fallback);
      const warnVersion = modeVersion('warn', LATEST);
      return `!(${applies(check, enforceLevel(context), enforceVersion)} && !(${passes(enforceVersion)})) && !(${applies(check, warnLevel(), warnVersion)} && !(${passes(warnVersion)}))`;
    },
    message,
  };
}

const securityContextField = (c: string, field: string) => at(c, ['securityContext', field]);

/** `text()` of upstream: the string, or '' for anything else. */
const textIs = (expression: string, test: (value: string) => string) =>
  `(type(${expression}) == string ? ${test(expression)} : ${test("''")})`;

const validSeccomp = (value: string) => `(${value} == 'RuntimeDefault' || ${value} == 'Localhost')`;

/** The safe sysctls, each with the version that added it (check_sysctls.go). */
const SAFE_SYSCTLS: [number, string[]][] = [
  [
    0,
    [
      'kernel.shm_rmid_forced',
      'net.ipv4.ip_local_port_range',
      'net.ipv4.tcp_syncookies',
      'net.ipv4.ping_group_range',
      'net.ipv4.ip_unprivileged_port_start',
    ],
  ],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [
    29,
    [
      'net.ipv4.tcp_keepalive_time',
      'net.ipv4.tcp_fin_timeout',
      'net.ipv4.tcp_keepalive_intvl',
      'net.ipv4.tcp_keepalive_probes',
    ],
  ],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  [37, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];

const isSet = (base: string, field: string) => `(has(${base}.${field}) && ${base}.${field} != null)`;

function seLinuxOk(options: string, version: string): string {
  const types = list(['', 'container_t', 'container_init_t', 'container_kvm_t']);
  const allowed = (v: string) => `(${v} in ${types} || (${version} >= 31 && ${v} == 'container_engine_t'))`;
  return `(((!has(${options}.type) || ${textIs(`${options}.type`, allowed)}) && (!has(${options}.user) || ${textIs(`${options}.user`, (v) => `${v} == ''`)}) && (!has(${options}.role) || ${textIs(`${options}.role`, (v) => `${v} == ''`)})))`;
}

function appArmorOk(profile: string): string {
  return `((has(${profile}.type) && ${profile}.type in ['RuntimeDefault', 'Localhost']))`;
}

const HANDLERS = ['livenessProbe', 'readinessProbe', 'startupProbe'];

function noHostInHandler(handler: string): string {
  return ['httpGet', 'tcpSocket']
    .map(
      (kind) =>
        `!(has(${handler}.${kind}) && has(${handler}.${kind}.host) && ${textIs(`${handler}.${kind}.host`, (v) => `${v} != ''`)})`,
    )
    .join(' && ');
}

const procMountOk = (c: string) =>
  `(!${securityContextField(c, 'procMount')} || ${c}.securityContext.procMount == null || ${textIs(`${c}.securityContext.procMount`, (v) => `${v} == 'Default'`)})`;

/** The Pod Security checks of the WL-PSS rules (versions: pod-security-admission's check registry). */
const windowsExempt = (version: string) => `(variables.windows && ${version} >= 25)`;
const userNamespaceExempt = (version: string) => `(variables.userNamespace && ${version} >= 35)`;

const PSS_RULES: CelRule[] = [
  pss(
    'WL-PSS-privileged',
    { level: 'baseline', minVersion: 0 },
    ['containers'],
    () =>
      `variables.containers.all(c, !(${securityContextField('c', 'privileged')} && c.securityContext.privileged == true))`,
    'privileged containers are not allowed',
  ),
  pss(
    'WL-PSS-hostNamespaces',
    { level: 'baseline', minVersion: 0 },
    ['spec'],
    () =>
      ['hostIPC', 'hostNetwork', 'hostPID']
        .map((field) => `!(has(variables.spec.${field}) && variables.spec.${field} == true)`)
        .join(' && '),
    'host namespaces (hostNetwork, hostPID, hostIPC) are not allowed',
  ),
  pss(
    'WL-PSS-hostPorts',
    { level: 'baseline', minVersion: 0 },
    ['containers'],
    () =>
      `variables.containers.all(c, !has(c.ports) || c.ports.all(p, !(has(p.hostPort) && type(p.hostPort) == int && p.hostPort != 0)))`,
    'hostPort is not allowed',
  ),
  pss(
    'WL-PSS-hostPathVolumes',
    { level: 'baseline', minVersion: 0, overriddenFrom: 0 },
    ['spec'],
    () => `!has(variables.spec.volumes) || variables.spec.volumes.all(v, !(has(v.hostPath)))`,
    'hostPath volumes are not allowed',
  ),
  pss(
    'WL-PSS-capabilities_baseline',
    { level: 'baseline', minVersion: 0, overriddenFrom: 22 },
    ['containers'],
    () =>
      `variables.containers.all(c, !(${securityContextField('c', 'capabilities')} && has(c.securityContext.capabilities.add)) || c.securityContext.capabilities.add.all(x, x in ${list(BASELINE_ALLOWED_CAPABILITIES)}))`,
    'capabilities beyond the baseline set are not allowed',
  ),
  pss(
    'WL-PSS-capabilities_restricted',
    { level: 'restricted', minVersion: 22 },
    ['containers', 'windows'],
    (version) =>
      `${windowsExempt(version)} || variables.containers.all(c, ${securityContextField('c', 'capabilities')} && has(c.securityContext.capabilities.drop) && 'ALL' in c.securityContext.capabilities.drop && (!has(c.securityContext.capabilities.add) || c.securityContext.capabilities.add.all(x, x == 'NET_BIND_SERVICE')))`,
    'containers must drop ALL capabilities and add none but NET_BIND_SERVICE',
  ),
  pss(
    'WL-PSS-allowPrivilegeEscalation',
    { level: 'restricted', minVersion: 8 },
    ['containers', 'windows'],
    (version) =>
      `${windowsExempt(version)} || variables.containers.all(c, ${securityContextField('c', 'allowPrivilegeEscalation')} && c.securityContext.allowPrivilegeEscalation == false)`,
    'containers must set securityContext.allowPrivilegeEscalation=false',
  ),
  pss(
    'WL-PSS-runAsNonRoot',
    { level: 'restricted', minVersion: 0 },
    ['containers', 'podSecurity', 'userNamespace'],
    (version) =>
      `${userNamespaceExempt(version)} || (!(has(variables.podSecurity.runAsNonRoot) && variables.podSecurity.runAsNonRoot == false) && variables.containers.all(c, ${securityContextField('c', 'runAsNonRoot')} && type(c.securityContext.runAsNonRoot) == bool ? c.securityContext.runAsNonRoot : (has(variables.podSecurity.runAsNonRoot) && variables.podSecurity.runAsNonRoot == true)))`,
    'the pod or every container must set securityContext.runAsNonRoot=true',
  ),
  pss(
    'WL-PSS-runAsUser',
    { level: 'restricted', minVersion: 23 },
    ['containers', 'podSecurity', 'userNamespace'],
    (version) =>
      `${userNamespaceExempt(version)} || (!(has(variables.podSecurity.runAsUser) && variables.podSecurity.runAsUser == 0) && variables.containers.all(c, !(${securityContextField('c', 'runAsUser')} && c.securityContext.runAsUser == 0)))`,
    'runAsUser 0 (root) is not allowed',
  ),
  pss(
    'WL-PSS-seccompProfile_restricted',
    { level: 'restricted', minVersion: 19 },
    ['containers', 'podSecurity', 'windows'],
    (version) =>
      `${windowsExempt(version)} || ((!(has(variables.podSecurity.seccompProfile)) || (has(variables.podSecurity.seccompProfile.type) && ${validSeccomp('variables.podSecurity.seccompProfile.type')})) && variables.containers.all(c, ${securityContextField('c', 'seccompProfile')} ? (has(c.securityContext.seccompProfile.type) && ${validSeccomp('c.securityContext.seccompProfile.type')}) : (has(variables.podSecurity.seccompProfile) && has(variables.podSecurity.seccompProfile.type) && ${validSeccomp('variables.podSecurity.seccompProfile.type')})))`,
    'seccompProfile.type must be RuntimeDefault or Localhost',
  ),
  pss(
    'WL-PSS-seccompProfile_baseline',
    { level: 'baseline', minVersion: 19, overriddenFrom: 19 },
    ['containers', 'podSecurity'],
    () =>
      `(!(has(variables.podSecurity.seccompProfile)) || (has(variables.podSecurity.seccompProfile.type) && ${validSeccomp('variables.podSecurity.seccompProfile.type')})) && variables.containers.all(c, !(${securityContextField('c', 'seccompProfile')}) || (has(c.securityContext.seccompProfile.type) && ${validSeccomp('c.securityContext.seccompProfile.type')}))`,
    'seccompProfile.type Unconfined is not allowed',
  ),
  pss(
    'WL-PSS-restrictedVolumes',
    { level: 'restricted', minVersion: 0 },
    ['spec'],
    () =>
      `!has(variables.spec.volumes) || variables.spec.volumes.all(v, ${[...ALLOWED_VOLUME_SOURCES].map((source) => isSet('v', source)).join(' || ')} || !(${RESTRICTED_VOLUME_SOURCES.map((source) => isSet('v', source)).join(' || ')}))`,
    'only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes are allowed',
  ),
  pss(
    'WL-PSS-windowsHostProcess',
    { level: 'baseline', minVersion: 0 },
    ['containers', 'podSecurity'],
    () =>
      `!(has(variables.podSecurity.windowsOptions) && has(variables.podSecurity.windowsOptions.hostProcess) && variables.podSecurity.windowsOptions.hostProcess == true) && variables.containers.all(c, !(${securityContextField('c', 'windowsOptions')} && has(c.securityContext.windowsOptions.hostProcess) && c.securityContext.windowsOptions.hostProcess == true))`,
    'Windows HostProcess containers are not allowed',
  ),
  pss(
    'WL-PSS-seLinuxOptions',
    { level: 'baseline', minVersion: 0 },
    ['containers', 'podSecurity'],
    (version) =>
      `(!has(variables.podSecurity.seLinuxOptions) || ${seLinuxOk('variables.podSecurity.seLinuxOptions', version)}) && variables.containers.all(c, !${securityContextField('c', 'seLinuxOptions')} || ${seLinuxOk('c.securityContext.seLinuxOptions', version)})`,
    'seLinuxOptions may set only an allowed type, never user or role',
  ),
  pss(
    'WL-PSS-procMount',
    { level: 'baseline', minVersion: 0, overriddenFrom: 35 },
    ['containers', 'userNamespace'],
    (version) => `${userNamespaceExempt(version)} || variables.containers.all(c, ${procMountOk('c')})`,
    'procMount must be Default',
  ),
  pss(
    'WL-PSS-procMount_restricted',
    { level: 'restricted', minVersion: 35 },
    ['containers'],
    () => `variables.containers.all(c, ${procMountOk('c')})`,
    'procMount must be Default',
  ),
  pss(
    'WL-PSS-sysctls',
    { level: 'baseline', minVersion: 0 },
    ['podSecurity'],
    (version) =>
      `!has(variables.podSecurity.sysctls) || variables.podSecurity.sysctls.all(s, has(s.name) && (${SAFE_SYSCTLS.map(([since, names]) => `(${version} >= ${since} && s.name in ${list(names)})`).join(' || ')}))`,
    'only the safe sysctls are allowed',
  ),
  pss(
    'WL-PSS-hostProbesAndHostLifecycle',
    { level: 'baseline', minVersion: 34 },
    ['containers'],
    () =>
      `variables.containers.all(c, ${HANDLERS.map((probe) => `(!has(c.${probe}) || (${noHostInHandler(`c.${probe}`)}))`).join(' && ')} && (!has(c.lifecycle) || (${['postStart', 'preStop'].map((h) => `(!has(c.lifecycle.${h}) || (${noHostInHandler(`c.lifecycle.${h}`)}))`).join(' && ')})))`,
    'probes and lifecycle handlers must not set host',
  ),
  pss(
    'WL-PSS-appArmorProfile',
    { level: 'baseline', minVersion: 0 },
    ['containers', 'podSecurity', 'podMeta'],
    () =>
      `(!has(variables.podSecurity.appArmorProfile) || ${appArmorOk('variables.podSecurity.appArmorProfile')}) && variables.containers.all(c, !${securityContextField('c', 'appArmorProfile')} || ${appArmorOk('c.securityContext.appArmorProfile')}) && (!has(variables.podMeta.annotations) || variables.podMeta.annotations.all(k, !k.startsWith('container.apparmor.security.beta.kubernetes.io/') || ${textIs('variables.podMeta.annotations[k]', (v) => `(${v} == '' || ${v} == 'runtime/default' || ${v}.startsWith('localhost/'))`)}))`,
    'AppArmor profiles must be RuntimeDefault or Localhost',
  ),
];

// ---- Images ---------------------------------------------------------------------------------------------------------

/** The image reference without its digest, then without its tag (distribution/reference, as parseImage). */
const NAME = (image: string) =>
  `(${image}.contains('@') ? ${image}.substring(0, ${image}.indexOf('@')) : ${image})`;
const UNTAGGED = (image: string) => {
  const name = NAME(image);
  return `(${name}.lastIndexOf(':') > ${name}.lastIndexOf('/') ? ${name}.substring(0, ${name}.lastIndexOf(':')) : ${name})`;
};
const FIRST = (image: string) => {
  const rest = UNTAGGED(image);
  return `(${rest}.contains('/') ? ${rest}.substring(0, ${rest}.indexOf('/')) : '')`;
};
const HAS_REGISTRY = (image: string) => {
  const first = FIRST(image);
  return `(${first} != '' && (${first}.contains('.') || ${first}.contains(':') || ${first} == 'localhost'))`;
};
const REGISTRY = (image: string) => `(${HAS_REGISTRY(image)} ? ${FIRST(image)}.lowerAscii() : 'docker.io')`;
const FULL = (image: string) => {
  const rest = UNTAGGED(image);
  const repository = `(${HAS_REGISTRY(image)} ? ${rest}.substring(${rest}.indexOf('/') + 1) : (${rest}.contains('/') ? ${rest} : 'library/' + ${rest}))`;
  return `(${REGISTRY(image)} + '/' + ${repository}).lowerAscii()`;
};

/** registryAllowed's pattern regex: `*` any run without `/`, and anything below the pattern. */
function patternRegex(pattern: string): string {
  return `^${pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')}(/.*)?$`;
}

function imageRules(): CelRule[] {
  const images = (test: (image: string) => string) =>
    `variables.containers.all(c, !has(c.image) || type(c.image) != string || (${test('c.image')}))`;
  return [
    {
      ruleId: 'WL-IMG-latestOrUntagged',
      kinds: POLICY_WORKLOAD_KINDS,
      variables: ['containers'],
      expression: () =>
        images(
          (image) =>
            `${image}.contains('@') || (${NAME(image)}.lastIndexOf(':') > ${NAME(image)}.lastIndexOf('/') && ${NAME(image)}.substring(${NAME(image)}.lastIndexOf(':') + 1) != 'latest')`,
        ),
      message: 'images must name a tag other than latest, or a digest',
    },
    {
      ruleId: 'WL-IMG-notDigestPinned',
      kinds: POLICY_WORKLOAD_KINDS,
      variables: ['containers'],
      expression: () =>
        images((image) => `${image}.contains('@') && ${image}.substring(${image}.indexOf('@') + 1) != ''`),
      message: 'images must be referenced by digest',
    },
    {
      ruleId: 'WL-IMG-untrustedRegistry',
      kinds: POLICY_WORKLOAD_KINDS,
      variables: ['containers'],
      expression: ({ params }) => {
        const patterns = Array.isArray(params.allowedRegistries)
          ? (params.allowedRegistries as string[])
          : [];
        if (patterns.length === 0) return images(() => 'false');
        return images((image) =>
          patterns
            .map(
              (pattern) =>
                `${pattern.includes('/') ? FULL(image) : REGISTRY(image)}.matches(${str(patternRegex(pattern))})`,
            )
            .join(' || '),
        );
      },
      message: 'images must come from an allowed registry',
    },
  ];
}

// ---- Workload hardening ---------------------------------------------------------------------------------------------

const PORTS = (test: string) =>
  `variables.containers.all(c, !has(c.ports) || c.ports.all(p, !has(p.containerPort) || (${test})))`;

const RESOURCE = (kind: 'requests' | 'limits', resource: 'cpu' | 'memory'): CelRule => ({
  ruleId: `WL-RES-${resource === 'cpu' ? 'cpu' : 'mem'}${kind === 'requests' ? 'Request' : 'Limit'}`,
  kinds: POLICY_WORKLOAD_KINDS,
  variables: ['nonEphemeral'],
  expression: () =>
    `variables.nonEphemeral.all(c, has(c.resources) && has(c.resources.${kind}) && has(c.resources.${kind}.${resource}) && c.resources.${kind}.${resource} != null)`,
  message: `containers must set resources.${kind}.${resource}`,
});

const PROBE = (probe: 'readinessProbe' | 'livenessProbe', ruleId: string): CelRule => ({
  ruleId,
  kinds: POLICY_WORKLOAD_KINDS,
  variables: ['spec'],
  expression: () =>
    `object.kind in [${RUN_TO_COMPLETION_KINDS.map(str).join(', ')}] || !has(variables.spec.containers) || variables.spec.containers.all(c, (has(c.${probe}) && c.${probe} != null))`,
  message: `containers must have a ${probe}`,
});

const RUNTIME_SOCKET = "'(^|/)(docker|containerd|crio|cri-dockerd|dockershim)\\\\.sock/*$'";

const HARDENING_RULES: CelRule[] = [
  {
    ruleId: 'WL-HARD-hostAliases',
    kinds: POLICY_WORKLOAD_KINDS,
    variables: ['spec'],
    expression: () => `!has(variables.spec.hostAliases) || size(variables.spec.hostAliases) == 0`,
    message: 'hostAliases must not override /etc/hosts',
  },
  {
    ruleId: 'WL-HARD-sshPort',
    kinds: POLICY_WORKLOAD_KINDS,
    variables: ['containers'],
    expression: () => PORTS('p.containerPort != 22'),
    message: 'containers must not expose port 22',
  },
  {
    ruleId: 'WL-HARD-privilegedPorts',
    kinds: POLICY_WORKLOAD_KINDS,
    variables: ['containers', 'windowsNodes'],
    expression: () =>
      'variables.windowsNodes || ' +
      PORTS('type(p.containerPort) != int || p.containerPort <= 0 || p.containerPort >= 1024'),
    message: 'containerPort must be 1024 or above',
  },
  {
    ruleId: 'WL-HARD-readOnlyRootFs',
    kinds: POLICY_WORKLOAD_KINDS,
    variables: ['nonEphemeral', 'windowsNodes'],
    expression: () =>
      `variables.windowsNodes || variables.nonEphemeral.all(c, (${securityContextField('c', 'readOnlyRootFilesystem')} && c.securityContext.readOnlyRootFilesystem == true))`,
    message: 'containers must set securityContext.readOnlyRootFilesystem=true',
  },
  {
    ruleId: 'WL-HARD-mountPropagation',
    kinds: POLICY_WORKLOAD_KINDS,
    variables: ['containers'],
    expression: () =>
      `variables.containers.all(c, !has(c.volumeMounts) || c.volumeMounts.all(m, !(has(m.mountPropagation) && m.mountPropagation == 'Bidirectional')))`,
    message: 'mountPropagation Bidirectional is not allowed',
  },
  {
    ruleId: 'WL-HARD-runtimeSocket',
    kinds: POLICY_WORKLOAD_KINDS,
    variables: ['spec'],
    expression: () =>
      `!has(variables.spec.volumes) || variables.spec.volumes.all(v, !(has(v.hostPath) && has(v.hostPath.path) && type(v.hostPath.path) == string && v.hostPath.path.matches(${RUNTIME_SOCKET})))`,
    message: 'the container runtime socket must not be mounted',
  },
  {
    ruleId: 'WL-HARD-userNamespaces',
    kinds: POLICY_WORKLOAD_KINDS,
    variables: ['spec', 'windowsNodes'],
    expression: () =>
      'variables.windowsNodes || ' +
      ['hostUsers == false', 'hostNetwork == true', 'hostPID == true', 'hostIPC == true']
        .map((test) => `(has(variables.spec.${test.split(' ')[0]}) && variables.spec.${test})`)
        .join(' || '),
    message: 'pods should set hostUsers: false (their own user namespace)',
  },
  RESOURCE('requests', 'cpu'),
  RESOURCE('requests', 'memory'),
  RESOURCE('limits', 'cpu'),
  RESOURCE('limits', 'memory'),
  PROBE('readinessProbe', 'WL-PRB-readiness'),
  PROBE('livenessProbe', 'WL-PRB-liveness'),
  {
    ruleId: 'WL-SEC-defaultServiceAccount',
    kinds: POLICY_WORKLOAD_KINDS,
    variables: ['spec'],
    expression: () => {
      const name = `(has(variables.spec.serviceAccountName) && variables.spec.serviceAccountName != null ? variables.spec.serviceAccountName : (has(variables.spec.serviceAccount) && variables.spec.serviceAccount != null ? variables.spec.serviceAccount : ''))`;
      return `type(${name}) == string && ${name} != '' && ${name} != 'default'`;
    },
    message: 'pods must run as their own ServiceAccount, not default',
  },
];

// ---- Namespaces, Services -------------------------------------------------------------------------------------------

const PLATFORM_OBJECTS = `(object.kind == 'Service' && object.metadata.name == 'kubernetes') || (object.kind == 'ServiceAccount' && object.metadata.name == 'default') || (object.kind == 'ConfigMap' && object.metadata.name == 'kube-root-ca.crt')`;

/** Objects that govern the namespace they sit in, which the rule does not report (WL-NS-defaultNamespace GOVERNING). */
const GOVERNING_OBJECTS = `(object.apiVersion.startsWith('rbac.authorization.k8s.io/') && object.kind in ['Role', 'RoleBinding']) || (object.apiVersion.startsWith('networking.k8s.io/') && object.kind == 'NetworkPolicy') || (object.apiVersion == 'v1' && object.kind in ['ResourceQuota', 'LimitRange'])`;

const LABEL = (key: string) => `(has(object.metadata.labels) && ${str(key)} in object.metadata.labels)`;

const PLACEMENT_RULES: CelRule[] = [
  {
    ruleId: 'WL-NS-defaultNamespace',
    // Only the core kinds carry the platform's exceptions; every namespaced kind a rule reads.
    kinds: NAMESPACED_KINDS,
    variables: [],
    expression: () =>
      `!(has(object.metadata.namespace) && object.metadata.namespace == 'default') || (object.apiVersion == 'v1' && (${PLATFORM_OBJECTS})) || ${GOVERNING_OBJECTS}`,
    message: 'objects must not be placed in the default namespace',
  },
  {
    ruleId: 'WL-NS-kubeSystem',
    kinds: POLICY_WORKLOAD_KINDS,
    includeSystemNamespaces: true,
    variables: [],
    expression: () =>
      `!(has(object.metadata.namespace) && object.metadata.namespace == 'kube-system') || (${LABEL('kubernetes.azure.com/managedby')} && object.metadata.labels['kubernetes.azure.com/managedby'] == 'aks') || ${LABEL('addonmanager.kubernetes.io/mode')}`,
    message: 'workloads must not be deployed into kube-system',
  },
  {
    ruleId: 'WL-NS-nakedPod',
    kinds: ['Pod'],
    variables: [],
    expression: () => `has(object.metadata.ownerReferences) && size(object.metadata.ownerReferences) > 0`,
    message: 'pods must be created by a controller',
  },
  {
    ruleId: 'WL-NET-publicLoadBalancer',
    kinds: ['Service'],
    variables: [],
    expression: () => {
      const annotation = str('service.beta.kubernetes.io/azure-load-balancer-internal');
      return `!(has(object.spec) && has(object.spec.type) && object.spec.type == 'LoadBalancer') || (has(object.metadata.annotations) && ${annotation} in object.metadata.annotations && object.metadata.annotations[${annotation}] == 'true')`;
    },
    message:
      'LoadBalancer Services must be internal (service.beta.kubernetes.io/azure-load-balancer-internal: "true")',
  },
  {
    ruleId: 'WL-NET-nodePort',
    kinds: ['Service'],
    variables: [],
    expression: () => `!(has(object.spec) && has(object.spec.type) && object.spec.type == 'NodePort')`,
    message: 'NodePort Services are not allowed',
  },
  {
    ruleId: 'WL-NET-externalIPs',
    kinds: ['Service'],
    variables: [],
    expression: () =>
      `!has(object.spec) || (!(has(object.spec.externalIPs) && size(object.spec.externalIPs) > 0) && !(has(object.spec.type) && object.spec.type == 'ExternalName'))`,
    message: 'Services must not claim externalIPs nor alias external names',
  },
];

/** Every rule aksguard can write in CEL. */
export const CEL_RULES: readonly CelRule[] = [
  ...PSS_RULES,
  ...imageRules(),
  ...HARDENING_RULES,
  ...PLACEMENT_RULES,
];

/** Why the other rules are not written in CEL. */
export function notExpressibleReason(rule: {
  id: string;
  family: string;
  inputs: { kubernetes?: readonly string[] };
}): string {
  if (rule.family === 'aks') return 'judges the AKS cluster definition, not a Kubernetes object';
  if (rule.family === 'rbac') return 'needs the whole RBAC graph (who is bound to what), beyond one object';
  if (rule.family === 'network') return 'needs the NetworkPolicies and workloads of the namespace together';
  if (rule.family === 'cross') return 'needs the cluster definition and the objects together';
  const reasons = new Map<string, string>([
    ['WL-SEC-automountToken', "depends on the ServiceAccount's automountServiceAccountToken, another object"],
    [
      'WL-SEC-committedSecret',
      'is about Secret manifests committed to a repository, not objects in the cluster',
    ],
    [
      'WL-SEC-plainSecretEnv',
      'recognises credentials by name and value heuristics (entropy, known formats) CEL cannot compute faithfully',
    ],
    [
      'WL-SEC-secretAsEnv',
      'follows Secret references through env and envFrom with the heuristics of WL-SEC-plainSecretEnv',
    ],
    [
      'WL-SEC-secretInConfigMap',
      'recognises credentials in ConfigMap values with heuristics CEL cannot compute faithfully',
    ],
    [
      'WL-NS-psaLabels',
      'judges Namespace labels against the exemptions and versions the rule knows; not written yet',
    ],
    [
      'WL-NET-ingressNoTLS',
      'needs the hosts of every rule matched against the TLS sections (wildcards); not written yet',
    ],
    [
      'WL-HARD-sensitiveHostPath',
      'normalises host paths against a list of sensitive prefixes; not written yet',
    ],
    ['WL-HARD-highUidGid', 'not written yet'],
    ['WL-HARD-rootGroup', 'not written yet'],
    ['WL-HARD-emptySecurityContext', 'not written yet'],
  ]);
  return reasons.get(rule.id) ?? 'not written yet';
}

export function kindInfo(kind: KubernetesKind): { group: string; version: string; resource: string } {
  return KUBERNETES_KINDS[kind];
}
