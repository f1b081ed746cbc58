/** The netpol engine result for a scan, computed once and shared by the NP-* rules. */
import {
  analyzeInventory,
  engineChoice,
  type NetpolAnalysis,
  type WorkloadEndpoint,
} from '../../engines/netpol/index.js';
import { ownValue } from '../../model/json.js';
import type { K8sObject } from '../../model/k8s.js';
import type { PathSegment } from '../../model/source.js';
import type { RuleContext } from '../defineRule.js';

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

const TEMPLATE_SPEC: Record<string, PathSegment[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Path of the pod spec inside the object a workload endpoint was built from. */
export function podSpecPath(object: K8sObject): PathSegment[] {
  return ownValue(TEMPLATE_SPEC, object.kind) ?? ['spec'];
}

/** Path of the container port declaring `port`/`protocol`, for pointing a finding at it. */
export function containerPortPath(object: K8sObject, port: number): PathSegment[] {
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
