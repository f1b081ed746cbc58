import { isPlainObject } from '../../../load/k8s/objects.js';
import type { ContainerRef, PodTemplate } from '../../../model/k8s.js';

export { isPlainObject };

export function describeContainer(ref: ContainerRef): string {
  const kind =
    ref.kind === 'containers'
      ? 'container'
      : ref.kind === 'initContainers'
        ? 'init container'
        : 'ephemeral container';
  return `${kind} "${ref.name}"`;
}

export function workloadName(template: PodTemplate): string {
  const owner = template.owner;
  return `${owner.kind} ${owner.namespace ? `${owner.namespace}/` : ''}${owner.metadata.name}`;
}

export function envOf(ref: ContainerRef): unknown[] {
  return Array.isArray(ref.container.env) ? ref.container.env : [];
}

export function envFromOf(ref: ContainerRef): unknown[] {
  return Array.isArray(ref.container.envFrom) ? ref.container.envFrom : [];
}

export interface HostPathVolume {
  name: string;
  path: string;
  /** Index of the volume in the pod spec's `volumes`. */
  index: number;
}

/** The hostPath volumes of a pod template that name a path. */
export function hostPathVolumesOf(template: PodTemplate): HostPathVolume[] {
  const volumes = Array.isArray(template.spec.volumes) ? template.spec.volumes : [];
  const found: HostPathVolume[] = [];
  volumes.forEach((volume, index) => {
    if (!isPlainObject(volume) || !isPlainObject(volume.hostPath)) return;
    const path = volume.hostPath.path;
    if (typeof path !== 'string') return;
    found.push({ name: typeof volume.name === 'string' ? volume.name : '', path, index });
  });
  return found;
}
