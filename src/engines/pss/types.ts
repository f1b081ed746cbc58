import type { PathSegment } from '../../model/source.js';

export const BASELINE_CHECK_IDS = [
  'privileged',
  'hostNamespaces',
  'hostPathVolumes',
  'hostPorts',
  'hostProbesAndHostLifecycle',
  'capabilities_baseline',
  'appArmorProfile',
  'seLinuxOptions',
  'procMount',
  'seccompProfile_baseline',
  'sysctls',
  'windowsHostProcess',
] as const;

export const RESTRICTED_CHECK_IDS = [
  'allowPrivilegeEscalation',
  'capabilities_restricted',
  'procMount_restricted',
  'restrictedVolumes',
  'runAsNonRoot',
  'runAsUser',
  'seccompProfile_restricted',
] as const;

export const CHECK_IDS = [...BASELINE_CHECK_IDS, ...RESTRICTED_CHECK_IDS] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type JsonMap = Record<string, unknown>;

/** One offending (or missing) field. Paths start at the pod-like object: `['spec', ...]` or `['metadata', ...]`. */
export interface ViolationField {
  path: PathSegment[];
  /** The container concerned, when the field belongs to one. */
  container?: string;
}

/** What a failing check returns: the upstream `ForbiddenReason` and `ForbiddenDetail`, and the fields at fault. */
export interface CheckFailure {
  reason: string;
  detail: string;
  fields: ViolationField[];
}

export type ContainerList = 'initContainers' | 'containers' | 'ephemeralContainers';

export interface ContainerView {
  name: string;
  list: ContainerList;
  index: number;
  /** `['spec', list, index]` (shared: read only). */
  path: readonly PathSegment[];
  securityContext: JsonMap | undefined;
  raw: JsonMap;
}

/** A pod read once for all checks: tolerant of missing or ill-typed fields, as an API object would be after decoding. */
export interface PodView {
  annotations: Record<string, string>;
  spec: JsonMap;
  securityContext: JsonMap | undefined;
  /** Init containers, then containers, then ephemeral containers (upstream `visitContainers` order). */
  containers: ContainerView[];
}

export type CheckPod = (pod: PodView) => CheckFailure | undefined;

export interface VersionedCheck {
  /** Minor version from which this implementation applies (`v1.<minVersion>`). */
  minVersion: number;
  check: CheckPod;
  /** Checks of a lower level this implementation replaces from `minVersion` on. */
  overrides?: CheckId[];
}

export interface CheckDefinition {
  id: CheckId;
  level: 'baseline' | 'restricted';
  versions: VersionedCheck[];
}
