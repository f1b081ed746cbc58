import { containerPath } from '../../model/containerPaths.js';
import type { ContainerKind, ContainerRef, K8sObject, PodTemplate } from '../../model/k8s.js';
import { workloadPod } from '../../model/workloadKinds.js';
import { isPlainObject } from './objects.js';

const CONTAINER_KINDS: readonly ContainerKind[] = ['initContainers', 'containers', 'ephemeralContainers'];

/**
 * The pod spec of a Pod, or the pod template of a workload controller or of a well-known CRD whose operator makes
 * pods (model/workloadKinds.ts); undefined for other kinds.
 */
export function podTemplateOf(object: K8sObject): PodTemplate | undefined {
  const pod = workloadPod(object.raw, object.kind, object.group);
  if (!pod) return undefined;
  const { spec, specPath } = pod;
  const containers: ContainerRef[] = [];
  for (const kind of CONTAINER_KINDS) {
    const list = spec[kind];
    if (!Array.isArray(list)) continue;
    for (let index = 0; index < list.length; index++) {
      const container: unknown = list[index];
      if (!isPlainObject(container)) continue;
      // A container an operator generates is located at the object's pod fields (its `spec`).
      const path =
        kind === 'containers' && pod.containerPaths
          ? (pod.containerPaths[index] ?? specPath)
          : containerPath(specPath, kind, index);
      containers.push({
        container,
        name: typeof container.name === 'string' ? container.name : `${kind}[${index}]`,
        kind,
        index,
        path,
      });
    }
  }
  return {
    owner: object,
    specPath,
    metadataPath: pod.metadataPath,
    spec,
    metadata: { labels: pod.labels, annotations: pod.annotations },
    containers,
  };
}
