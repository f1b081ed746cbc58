import {
  type AksCluster,
  azureRbacEnabled,
  isUnknown,
  localAccountsDisabled,
} from '../../model/aksCluster.js';
import type { Severity } from '../../model/severity.js';
import { type AzureAssignment, type AzureRbac, CREDENTIAL_ROLES } from './azure.js';

// Risky Azure role assignments for an AKS cluster (rbac.md §4.4): AKS-003 (cluster-admin kubeconfig download while
// local accounts are enabled), AKS-005/006 (Azure RBAC write/admin across the cluster or in kube-system) and AKS-010
// (Trusted Access role bindings: Azure resources granted in-cluster roles).

export interface AzureFinding {
  id: 'RBAC-AKS-003' | 'RBAC-AKS-005' | 'RBAC-AKS-010';
  severity: Severity;
  message: string;
  assignment: AzureAssignment;
}

const CLUSTER_ADMIN = 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b';
const ADMIN = '3498e952-d568-435e-9b2c-8d77e338d7f7';
const WRITER = 'a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb';
const POWERFUL = new Set([CLUSTER_ADMIN, ADMIN, WRITER]);
/** AKS Cluster Admin Role, Owner, Contributor: hold listClusterAdminCredential (directly or by `*`). */
const ADMIN_CREDENTIALS = new Set([
  '0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8',
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  'b24988ac-6180-42a0-ab88-20f7382dd24c',
]);

/**
 * Built-in roles that hold `managedClusters/trustedAccessRoleBindings/write` without owning the cluster resource
 * (built-in-roles/containers.md; Owner and Contributor hold it through `*` and are covered by RBAC-AKS-003).
 */
export const TRUSTED_ACCESS_ROLES: ReadonlyMap<string, { name: string; clusterWrite: boolean }> = new Map([
  // Named "Kubernetes Agentless Operator" until 2025, "Defender Kubernetes API Access" since.
  ['d5a2ae44-610b-4500-93be-660a0c5f5ca6', { name: 'Defender Kubernetes API Access', clusterWrite: false }],
  ['5e93ba01-8f92-4c7a-b12a-801e3df23824', { name: 'Kubernetes Agent Operator', clusterWrite: true }],
]);

const roleGuid = (a: AzureAssignment) => a.roleDefinitionId.split('/').pop()!.toLowerCase();

export function principalText(a: AzureAssignment): string {
  return `${a.principalType} ${a.principalName ? `${a.principalName} (${a.principalId})` : a.principalId}`;
}

/** The findings, in file order; `notEvaluated` explains what could not be judged. */
export function azureFindings(
  azure: AzureRbac,
  cluster?: AksCluster,
): { findings: AzureFinding[]; notEvaluated: string[] } {
  const findings: AzureFinding[] = [];
  const notEvaluated: string[] = [];
  if (!azure.clusterId && !azure.clusterName) {
    notEvaluated.push(
      'the cluster resource ID is unknown: include the cluster definition among the inputs, or scope the assignments to one cluster',
    );
    return { findings, notEvaluated };
  }
  // With Azure RBAC for Kubernetes authorization off (the API default), the data-action roles authorise nothing.
  const enabled = cluster ? azureRbacEnabled(cluster).value : true;
  if (isUnknown(enabled)) notEvaluated.push(`RBAC-AKS-005: enableAzureRBAC ${enabled.reason}`);
  for (const a of enabled === true ? azure.assignments : []) {
    const id = roleGuid(a);
    if (!POWERFUL.has(id)) continue;
    const clusterWide = azure.appliesAt(a, '');
    const kubeSystem = !clusterWide && azure.appliesAt(a, 'kube-system');
    if (!clusterWide && !kubeSystem) continue;
    const above =
      clusterWide &&
      azure.clusterId !== undefined &&
      a.scope.toLowerCase().replace(/\/+$/, '') !== azure.clusterId.toLowerCase();
    const where = kubeSystem
      ? 'namespace kube-system'
      : above
        ? `every namespace of every cluster under ${a.scope}`
        : 'every namespace of the cluster';
    findings.push({
      id: 'RBAC-AKS-005',
      severity: id === CLUSTER_ADMIN || kubeSystem ? 'critical' : 'high',
      message: `${principalText(a)} holds "${a.roleName}" at ${a.scope}: Kubernetes ${id === WRITER ? 'write access (Secrets, pods as any ServiceAccount)' : 'administration'} in ${where}`,
      assignment: a,
    });
  }
  const clusterName = cluster?.name ?? azure.clusterId?.split('/').pop() ?? azure.clusterName;
  for (const a of azure.unevaluated) {
    const role = TRUSTED_ACCESS_ROLES.get(roleGuid(a));
    if (!role || !azure.appliesAt(a, '')) continue;
    findings.push({
      id: 'RBAC-AKS-010',
      severity: 'medium',
      message: `${principalText(a)} holds "${a.roleName || role.name}" at ${a.scope} and can create Trusted Access role bindings on ${clusterName}, giving Azure resources of its choice in-cluster roles${role.clusterWrite ? ' (and can change the cluster itself: managedClusters/write)' : ''}`,
      assignment: a,
    });
  }
  if (cluster) {
    const disabled = localAccountsDisabled(cluster).value;
    if (isUnknown(disabled)) notEvaluated.push(`RBAC-AKS-003: disableLocalAccounts ${disabled.reason}`);
    else if (disabled !== true) {
      for (const a of azure.unevaluated) {
        const id = roleGuid(a);
        if (!ADMIN_CREDENTIALS.has(id) || !azure.appliesAt(a, '')) continue;
        findings.push({
          id: 'RBAC-AKS-003',
          severity: 'critical',
          message: `${principalText(a)} holds "${CREDENTIAL_ROLES.get(id) ?? a.roleName}" at ${a.scope} and can download the cluster-admin kubeconfig of ${cluster.name} (local accounts enabled)`,
          assignment: a,
        });
      }
    }
  } else
    notEvaluated.push('RBAC-AKS-003: no cluster definition among the inputs (disableLocalAccounts unknown)');
  return { findings, notEvaluated };
}
