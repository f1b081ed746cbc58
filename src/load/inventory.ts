import type { AksCluster } from '../model/aksCluster.js';
import { type Coverage, emptyCoverage } from '../model/coverage.js';
import type { Inventory, LoadIssue } from '../model/inventory.js';
import { type K8sObject, NAMESPACE_NAME_LABEL, type NamespaceInfo, type PodTemplate } from '../model/k8s.js';
import { podTemplateOf } from './k8s/podTemplates.js';

/** Builds the normalised model: namespaces (declared or referenced), pod templates, objects by kind. */
export function buildInventory(
  objects: K8sObject[],
  clusters: AksCluster[],
  issues: LoadIssue[],
  files: string[],
  coverage: Coverage = emptyCoverage(),
): Inventory {
  const byKind = new Map<string, K8sObject[]>();
  const namespaces = new Map<string, NamespaceInfo>();
  const podTemplates: PodTemplate[] = [];

  for (const object of objects) {
    const list = byKind.get(object.kind);
    if (list) list.push(object);
    else byKind.set(object.kind, [object]);
    if (object.kind === 'Namespace' && object.group === '') {
      const name = object.metadata.name;
      const existing = namespaces.get(name);
      if (existing?.object) {
        issues.push({
          level: 'note',
          file: object.location.file,
          line: object.location.line,
          column: object.location.column,
          message: `Namespace ${name} is declared more than once; the first declaration is used`,
        });
        continue;
      }
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

function ensureNamespace(namespaces: Map<string, NamespaceInfo>, name: string): void {
  if (namespaces.has(name)) return;
  namespaces.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name }, annotations: {} });
}
