import { ownValue } from '../../model/json.js';
import type { ContainerKind, ContainerRef, K8sObject, PodTemplate } from '../../model/k8s.js';
import type { PathSegment } from '../../model/source.js';
import { POD_TEMPLATE_PATHS } from './kinds.js';
import { isPlainObject, stringMap } from './objects.js';

const CONTAINER_KINDS: readonly ContainerKind[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** The pod spec of a Pod, or the pod template of a workload controller; undefined for other kinds. */
export function podTemplateOf(object: K8sObject): PodTemplate | undefined {
  const templatePath = ownValue(POD_TEMPLATE_PATHS, object.kind);
  if (templatePath === undefined) return undefined;
  let node: unknown = object.raw;
  for (const segment of templatePath) node = isPlainObject(node) ? node[segment] : undefined;
  if (!isPlainObject(node)) return undefined;
  const spec = isPlainObject(node.spec) ? node.spec : {};
  const metadata = isPlainObject(node.metadata) ? node.metadata : {};
  const specPath: PathSegment[] = [...templatePath, 'spec'];
  const containers: ContainerRef[] = [];
  for (const kind of CONTAINER_KINDS) {
    const list = spec[kind];
    if (!Array.isArray(list)) continue;
    list.forEach((container, index) => {
      if (!isPlainObject(container)) return;
      containers.push({
        container,
        name: typeof container.name === 'string' ? container.name : `${kind}[${index}]`,
        kind,
        index,
        path: [...specPath, kind, index],
      });
    });
  }
  return {
    owner: object,
    specPath,
    metadataPath: [...templatePath, 'metadata'],
    spec,
    metadata: { labels: stringMap(metadata.labels), annotations: stringMap(metadata.annotations) },
    containers,
  };
}
