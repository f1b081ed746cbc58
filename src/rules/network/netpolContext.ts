/** The netpol engine result for a scan, computed once and shared by the NP-* rules. */
import {
  analyzeInventory,
  analyzeNetpol,
  engineChoice,
  type NetpolAnalysis,
  type WorkloadEndpoint,
} from '../../engines/netpol/index.js';
import type { AksCluster } from '../../model/aksCluster.js';
import type { K8sObject } from '../../model/k8s.js';
import { clusterOfAllObjects, objectsOnCluster } from '../../model/scope.js';
import type { PathSegment } from '../../model/source.js';
import { workloadPod } from '../../model/workloadKinds.js';
import type { RuleContext } from '../defineRule.js';

/**
 * The engine's result for the objects that run on `cluster` (model/scope.ts), with the cluster's engine: the
 * scan's analysis when every object runs on it, else one of the cluster's own objects.
 */
export function netpolOfCluster(context: RuleContext, cluster: AksCluster): NetpolAnalysis<K8sObject> {
  if (clusterOfAllObjects(context.inventory) === cluster) return netpolOf(context);
  return context.memo(`netpol:${cluster.location.file}:${String(cluster.address ?? cluster.name)}`, () => {
    const k8sVersion = context.settings.k8sVersion;
    return analyzeNetpol(
      objectsOnCluster(context.inventory, cluster).filter((object) => object.kind !== 'ClusterDescribe'),
      {
        engine: engineChoice(context.settings.netpolEngine),
        defaultNamespace: context.settings.defaultNamespace,
        cluster,
        ...(typeof k8sVersion === 'string' ? { k8sVersion } : {}),
      },
    );
  });
}

export function netpolOf(context: RuleContext): NetpolAnalysis<K8sObject> {
  return context.memo('netpol', () => {
    const k8sVersion = context.settings.k8sVersion;
    return analyzeInventory(context.inventory, {
      engine: engineChoice(context.settings.netpolEngine),
      defaultNamespace: context.settings.defaultNamespace,
      ...(typeof k8sVersion === 'string' ? { k8sVersion } : {}),
    });
  });
}

/** Path of the pod spec inside the object a workload endpoint was built from (model/workloadKinds.ts). */
export function podSpecPath(object: K8sObject): readonly PathSegment[] {
  // Read only: the kind's path is shared by all its templates.
  return workloadPod(object.raw, object.kind, object.group)?.specPath ?? SPEC;
}

const SPEC: readonly PathSegment[] = ['spec'];

/** Path of the container port declaring `port`/`protocol`, for pointing a finding at it. */
export function containerPortPath(object: K8sObject, port: number): readonly PathSegment[] {
  const specPath = podSpecPath(object);
  let spec: unknown = object.raw;
  for (const key of specPath) spec = (spec as Record<string, unknown> | undefined)?.[key as string];
  const containers = (spec as { containers?: unknown[] } | undefined)?.containers ?? [];
  for (let i = 0; i < containers.length; i++) {
    const ports = (containers[i] as { ports?: unknown[] } | undefined)?.ports ?? [];
    for (let j = 0; j < ports.length; j++) {
      if ((ports[j] as { containerPort?: unknown }).containerPort === port) {
        return [...specPath, 'containers', i, 'ports', j, 'containerPort'];
      }
    }
  }
  return specPath;
}

/** `Deployment shop/web`, as findings name workloads. */
export function workloadLabel(w: WorkloadEndpoint<K8sObject>): string {
  return `${w.kind} ${w.namespace}/${w.name}`;
}
