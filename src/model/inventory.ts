import type { AksCluster } from './aksCluster.js';
import type { Coverage } from './coverage.js';
import type { K8sObject, NamespaceInfo, PodTemplate } from './k8s.js';
import type { ClusterScope } from './scope.js';
import type { Location } from './source.js';

/** A problem or remark about the input, not about security. */
export interface LoadIssue {
  level: 'error' | 'note';
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** Everything the scan knows, normalised. Built once by `buildInventory`, read by engines and rules. */
export interface Inventory {
  objects: K8sObject[];
  namespaces: Map<string, NamespaceInfo>;
  /** Pods and the pod templates of every workload controller. */
  podTemplates: PodTemplate[];
  /** Objects by kind (`Service`, `ClusterRole`, ...). */
  byKind: Map<string, K8sObject[]>;
  clusters: AksCluster[];
  issues: LoadIssue[];
  /** Files read (relative paths), for the report's summary. */
  files: string[];
  /** What was read by dialect, and what was skipped or unreadable. */
  coverage: Coverage;
  /**
   * Azure role assignments read from Azure Resource Manager (`--azure-cluster`), in the `az role assignment list`
   * shape; a `--azure-role-assignments` file takes precedence.
   */
  roleAssignments?: { source: string; assignments: Record<string, unknown>[] };
  /**
   * Which objects run on which cluster (DESIGN §2); read it through `model/scope.ts` (`scopesOf`), which gives
   * the default (one cluster: every object; several: none) when the loader did not set it.
   */
  scopes?: ClusterScope[];
}

export function objectsOfKind(inventory: Inventory, kind: string): K8sObject[] {
  return inventory.byKind.get(kind) ?? [];
}

export type { Location };
