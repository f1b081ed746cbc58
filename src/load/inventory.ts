import type { AksCluster } from '../model/aksCluster.js';
import { type Coverage, emptyCoverage } from '../model/coverage.js';
import type { Inventory, LoadIssue } from '../model/inventory.js';
import { type K8sObject, NAMESPACE_NAME_LABEL, type NamespaceInfo, type PodTemplate } from '../model/k8s.js';
import { podTemplateOf } from './k8s/podTemplates.js';

/** Builds the normalised model: namespaces (declared or referenced), pod templates, objects by kind. */
export function buildInventory(
  allObjects: K8sObject[],
  clusters: AksCluster[],
  issues: LoadIssue[],
  files: string[],
  coverage: Coverage = emptyCoverage(),
): Inventory {
  const byKind = new Map<string, K8sObject[]>();
  const namespaces = new Map<string, NamespaceInfo>();
  const podTemplates: PodTemplate[] = [];
  const objects = lastNamespaceDeclarations(allObjects, issues);

  for (const object of objects) {
    const list = byKind.get(object.kind);
    if (list) list.push(object);
    else byKind.set(object.kind, [object]);
    if (object.kind === 'Namespace' && object.group === '') {
      const name = object.metadata.name;
      namespaces.set(name, {
        name,
        labels: { ...object.metadata.labels, [NAMESPACE_NAME_LABEL]: name },
        annotations: object.metadata.annotations,
        object,
      });
    }
    const template = podTemplateOf(object);
    if (template) podTemplates.push(template);
  }
  for (const object of objects) {
    if (object.namespace !== undefined) ensureNamespace(namespaces, object.namespace);
    if (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') {
      const subjects = object.raw.subjects;
      if (Array.isArray(subjects)) {
        for (const subject of subjects) {
          const namespace = (subject as { kind?: unknown; namespace?: unknown } | null)?.namespace;
          if (
            (subject as { kind?: unknown })?.kind === 'ServiceAccount' &&
            typeof namespace === 'string' &&
            namespace
          ) {
            ensureNamespace(namespaces, namespace);
          }
        }
      }
    }
  }
  return { objects, namespaces, podTemplates, byKind, clusters, issues, files, coverage };
}

/**
 * A Namespace declared more than once: `kubectl apply` applies each declaration in order, so the cluster keeps the
 * last one. Earlier declarations are left out of the inventory (one reading for PSS verdicts, WL-NS-psaLabels and
 * every other rule), each with a note naming the declaration that replaces it.
 */
function lastNamespaceDeclarations(objects: K8sObject[], issues: LoadIssue[]): K8sObject[] {
  const last = new Map<string, K8sObject>();
  for (const object of objects)
    if (object.kind === 'Namespace' && object.group === '') last.set(object.metadata.name, object);
  if (last.size === 0) return objects;
  return objects.filter((object) => {
    if (object.kind !== 'Namespace' || object.group !== '') return true;
    const kept = last.get(object.metadata.name)!;
    if (kept === object) return true;
    issues.push({
      level: 'note',
      file: object.location.file,
      line: object.location.line,
      column: object.location.column,
      message: `Namespace ${object.metadata.name} is declared again at ${kept.location.file}:${kept.location.line}; kubectl applies both in order, so the cluster keeps that last declaration, which is the one judged`,
    });
    return false;
  });
}

function ensureNamespace(namespaces: Map<string, NamespaceInfo>, name: string): void {
  if (namespaces.has(name)) return;
  namespaces.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name }, annotations: {} });
}
