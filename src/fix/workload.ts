import {
  type CheckId,
  evaluatePod,
  evaluateTemplate,
  type PodLike,
  type PssPolicy,
  type PssViolation,
} from '../engines/pss/index.js';
import { podView } from '../engines/pss/podView.js';
import type { ContainerView, PodView } from '../engines/pss/types.js';
import { lazyRequire } from '../lazyRequire.js';
import type { ResourceRef } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import { isJsonObject as isMap } from '../model/json.js';
import { refOf } from '../model/k8s.js';
import type { Location, PathSegment } from '../model/source.js';
import { workloadKindOf } from '../model/workloadKinds.js';
import { type RenderedFix, renderedFix } from './rendered.js';
import { applyStrategicMerge } from './workloadMerge.js';

const yaml = lazyRequire<typeof import('yaml')>('yaml');

type Json = Record<string, unknown>;

export interface PodFix {
  /** Strategic merge patch of the pod: `{ metadata?, spec }`. */
  patch: Json;
  /** Checks the patch cannot satisfy without changing what the workload does (volume types). */
  unresolved: CheckId[];
}

export interface WorkloadFix {
  resource: ResourceRef;
  location: Location;
  /** Strategic merge patch of the owning object, as YAML (`kubectl patch --type strategic --patch-file`). */
  patch: string;
  unresolved: CheckId[];
  /** For a rendered object: the change to make in the chart's values or templates, or the overlay's patch. */
  rendered?: RenderedFix;
}

function setIn(root: Json, path: readonly PathSegment[], value: unknown): void {
  let node = root;
  path.slice(0, -1).forEach((segment) => {
    const key = String(segment);
    if (!isMap(node[key])) node[key] = {};
    node = node[key] as Json;
  });
  // Copies, so that the YAML of the patch never shares a node (which would print as an anchor and alias).
  node[String(path[path.length - 1])] =
    typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

function getIn(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path)
    node = isMap(node) || Array.isArray(node) ? (node as Json)[segment as string] : undefined;
  return node;
}

/** Accumulates one strategic merge patch of a pod; containers are addressed by name, their merge key. */
class PodPatch {
  readonly patch: Json = {};
  pod(path: readonly PathSegment[], value: unknown): void {
    setIn(this.patch, ['spec', ...path], value);
  }

  annotation(key: string, value: string): void {
    setIn(this.patch, ['metadata', 'annotations', key], value);
  }

  container(c: ContainerView, path: readonly PathSegment[], value: unknown): void {
    // An unnamed container cannot be addressed by a strategic merge patch; re-evaluation reports what remains.
    if (c.name === '') return;
    if (!isMap(this.patch.spec)) this.patch.spec = {};
    const spec = this.patch.spec as Json;
    if (!Array.isArray(spec[c.list])) spec[c.list] = [];
    const list = spec[c.list] as Json[];
    let item = list.find((entry) => entry.name === c.name);
    if (!item) {
      item = { name: c.name };
      list.push(item);
    }
    setIn(item, path, value);
  }
}

const RUNTIME_DEFAULT_SECCOMP = { type: 'RuntimeDefault', localhostProfile: null };
const RUNTIME_DEFAULT_APPARMOR = { type: 'RuntimeDefault', localhostProfile: null };

type Fixer = (view: PodView, patch: PodPatch, violation: PssViolation) => void;

/** The field of a violation, relative to its container: `['securityContext', 'privileged']`. */
function containerField(
  view: PodView,
  path: readonly PathSegment[],
): { c: ContainerView; rest: PathSegment[] } | undefined {
  const c = view.containers.find((x) => x.list === path[1] && x.index === path[2]);
  return c && path[0] === 'spec' ? { c, rest: path.slice(3) } : undefined;
}

/** Sets every violation field (pod or container) to `value`. */
function setFields(value: unknown): Fixer {
  return (view, patch, violation) => {
    for (const field of violation.fields) {
      if (field.path[0] === 'metadata') continue;
      const inContainer = containerField(view, field.path);
      if (inContainer) patch.container(inContainer.c, inContainer.rest, value);
      else patch.pod(field.path.slice(1), value);
    }
  };
}

/** Removes the offending list entries (the field path ends with `<list>, index, ...`). */
function dropOffendingEntries(indexDepth: number): Fixer {
  return (view, patch, violation) => {
    const byList = new Map<string, { listPath: PathSegment[]; indexes: Set<number> }>();
    for (const field of violation.fields) {
      const listPath = field.path.slice(0, field.path.length - indexDepth);
      const index = field.path[field.path.length - indexDepth] as number;
      const key = listPath.join('/');
      const entry = byList.get(key) ?? { listPath, indexes: new Set<number>() };
      entry.indexes.add(index);
      byList.set(key, entry);
    }
    for (const { listPath, indexes } of byList.values()) {
      const list = getIn({ spec: view.spec }, listPath);
      if (!Array.isArray(list)) continue;
      const kept = list.filter((_, index) => !indexes.has(index));
      const value = kept.length > 0 ? kept : null;
      const inContainer = containerField(view, listPath);
      if (inContainer) patch.container(inContainer.c, inContainer.rest, value);
      else patch.pod(listPath.slice(1), value);
    }
  };
}

/**
 * AppArmor and seccomp: a forbidden annotation becomes `runtime/default`; a forbidden profile field (`...Profile.type`)
 * becomes the RuntimeDefault profile.
 */
function replaceProfiles(view: PodView, patch: PodPatch, violation: PssViolation, profile: Json): void {
  for (const field of violation.fields) {
    if (field.path[0] === 'metadata') patch.annotation(String(field.path[2]), 'runtime/default');
  }
  const profileFields = violation.fields
    .filter((f) => f.path[0] === 'spec')
    .map((f) => ({ ...f, path: f.path.slice(0, -1) }));
  setFields(profile)(view, patch, { ...violation, fields: profileFields });
}

const FIXERS: Partial<Record<CheckId, Fixer>> = {
  privileged: setFields(false),
  hostNamespaces: setFields(false),
  windowsHostProcess: setFields(false),
  allowPrivilegeEscalation: setFields(false),
  procMount: setFields('Default'),
  procMount_restricted: setFields('Default'),
  runAsUser: setFields(null),
  hostProbesAndHostLifecycle: setFields(null),
  // ports are merged by containerPort: deleting hostPort keeps the port.
  hostPorts: (view, patch, violation) => {
    for (const field of violation.fields) {
      const inContainer = containerField(view, field.path);
      const port = getIn({ spec: view.spec }, field.path.slice(0, -1));
      if (!inContainer || !isMap(port) || typeof port.containerPort !== 'number') continue;
      patch.container(inContainer.c, ['ports'], [{ containerPort: port.containerPort, hostPort: null }]);
    }
  },
  capabilities_baseline: dropOffendingEntries(1),
  sysctls: dropOffendingEntries(2),
  seLinuxOptions: setFields(null),
  appArmorProfile: (view, patch, violation) =>
    replaceProfiles(view, patch, violation, RUNTIME_DEFAULT_APPARMOR),
  seccompProfile_baseline: (view, patch, violation) =>
    replaceProfiles(view, patch, violation, RUNTIME_DEFAULT_SECCOMP),
  seccompProfile_restricted: (view, patch, violation) => {
    const explicit = violation.fields.filter(
      (f) => f.path[f.path.length - 1] === 'type' && f.container !== undefined,
    );
    setFields(RUNTIME_DEFAULT_SECCOMP)(view, patch, {
      ...violation,
      fields: explicit.map((f) => ({ ...f, path: f.path.slice(0, -1) })),
    });
    // Upstream reports containers without a profile only once no container sets a bad one: a pod-level
    // RuntimeDefault covers them all either way.
    const podProfile = isMap(view.securityContext?.seccompProfile)
      ? (view.securityContext.seccompProfile as Json)
      : {};
    if (podProfile.type !== 'RuntimeDefault' && podProfile.type !== 'Localhost') {
      patch.pod(['securityContext', 'seccompProfile'], RUNTIME_DEFAULT_SECCOMP);
    }
  },
  runAsNonRoot: (view, patch) => {
    patch.pod(['securityContext', 'runAsNonRoot'], true);
    for (const c of view.containers) {
      if (c.securityContext?.runAsNonRoot === false)
        patch.container(c, ['securityContext', 'runAsNonRoot'], true);
    }
  },
  capabilities_restricted: (view, patch) => {
    for (const c of view.containers) {
      const capabilities = isMap(c.securityContext?.capabilities)
        ? (c.securityContext.capabilities as Json)
        : {};
      const drop = Array.isArray(capabilities.drop) ? capabilities.drop : [];
      if (!drop.includes('ALL'))
        patch.container(c, ['securityContext', 'capabilities', 'drop'], [...drop, 'ALL']);
      const add = Array.isArray(capabilities.add) ? capabilities.add : [];
      const kept = add.filter((item) => item === 'NET_BIND_SERVICE');
      if (kept.length !== add.length) {
        patch.container(c, ['securityContext', 'capabilities', 'add'], kept.length > 0 ? kept : null);
      }
    }
  },
};

/**
 * The smallest pod patch (securityContext and the few pod fields Pod Security judges) that makes `pod` pass
 * `policy`; undefined when it already passes. The patch is verified: what it cannot fix is `unresolved`.
 */
export function podFix(pod: PodLike, policy: PssPolicy): PodFix | undefined {
  const result = evaluatePod(pod, policy);
  if (result.allowed) return undefined;
  const view = podView(pod);
  const patch = new PodPatch();
  for (const violation of result.violations) FIXERS[violation.check]?.(view, patch, violation);
  const patched = applyStrategicMerge(
    { metadata: pod.metadata ?? {}, spec: pod.spec ?? {} },
    patch.patch,
  ) as PodLike;
  const unresolved = evaluatePod(patched, policy).violations.map((v) => v.check);
  return { patch: patch.patch, unresolved };
}

/** For every Pod and workload of the inventory that `policy` refuses, the strategic merge patch that fixes it. */
export function workloadFixes(inventory: Inventory, policy: PssPolicy): WorkloadFix[] {
  const fixes: WorkloadFix[] = [];
  for (const template of inventory.podTemplates) {
    // Custom resources (Rollout, Prometheus ...) take no strategic merge patch (the API server refuses it for
    // CRDs), and an operator CR's pod is not its spec: their findings stay, with no patch proposed here.
    if (workloadKindOf(template.owner.kind, template.owner.group)?.group !== undefined) continue;
    if (evaluateTemplate(template, policy).allowed) continue;
    const fix = podFix({ metadata: template.metadata, spec: template.spec }, policy);
    if (!fix) continue;
    const root: Json = {};
    if (fix.patch.metadata) setIn(root, template.metadataPath, fix.patch.metadata);
    if (fix.patch.spec) setIn(root, template.specPath, fix.patch.spec);
    const workloadFix: WorkloadFix = {
      resource: refOf(template.owner),
      location: template.owner.location,
      patch: Object.keys(root).length > 0 ? yaml().stringify(root) : '',
      unresolved: fix.unresolved,
    };
    const rendered = Object.keys(root).length > 0 ? renderedFix(template.owner, root) : undefined;
    if (rendered) workloadFix.rendered = rendered;
    fixes.push(workloadFix);
  }
  return fixes;
}
