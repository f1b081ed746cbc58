import { asString, clusterField, isUnknown, unknown } from '../../model/aksCluster.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER, inputsOf } from '../inputs.js';
import { roleAssignmentsOf } from './roleAssignments.js';
import { clustersOf, notEvaluatedAt, reportAt } from './support.js';

/** Roles that let the kubelet identity write to or administer a registry (anything beyond pulling). */
const TOO_BROAD = new Set([
  'owner',
  'contributor',
  'acrpush',
  'acrdelete',
  'acrimagesigner',
  'user access administrator',
]);
const PULL_ONLY = new Set(['acrpull', 'reader', 'container registry repository reader']);

export default defineRule({
  id: 'AKS-IAM-09',
  title: 'Kubelet identity has more than pull access to the registry',
  description:
    'Nodes only need to pull images. A kubelet identity with push or owner rights lets anyone who compromises a node rewrite the images every cluster runs.',
  severity: 'low',
  family: 'aks',
  inputs: inputsOf(CLUSTER, { azure: ['RoleAssignments'] }),
  seed: true,
  refs: ['CIS AKS 5.1.2', 'CIS AKS 5.1.3', 'kubescape C-0250'],
  fix: {
    az: 'az aks update -g RG -n NAME --attach-acr ACR_NAME (AcrPull); remove broader role assignments',
    terraform:
      'azurerm_role_assignment { role_definition_name = "AcrPull"  principal_id = <kubelet identity object id> }',
  },
  check(context) {
    const fromFile = roleAssignmentsOf(context);
    for (const cluster of clustersOf(context)) {
      let assignments = cluster.surroundings.kubeletRoleAssignments;
      const kubelet = asString(clusterField(cluster, 'identityProfile.kubeletidentity.objectId'));
      if ((!assignments || assignments.length === 0) && fromFile && typeof kubelet.value === 'string') {
        if ('error' in fromFile) {
          notEvaluatedAt(context, cluster, undefined, fromFile.error);
          continue;
        }
        const objectId = kubelet.value.toLowerCase();
        // Only assignments on container registries matter here.
        assignments = fromFile.assignments
          .filter(
            (entry) =>
              entry.principalId.toLowerCase() === objectId &&
              /\/providers\/Microsoft\.ContainerRegistry\/registries\//i.test(entry.scope),
          )
          .map((entry) => ({
            role: entry.roleDefinitionName || unknown('role not named'),
            location: kubelet.location ?? cluster.location,
          }));
      }
      if (!assignments || assignments.length === 0) {
        notEvaluatedAt(
          context,
          cluster,
          undefined,
          'no role assignment of the kubelet identity in the input',
        );
        continue;
      }
      for (const assignment of assignments) {
        if (isUnknown(assignment.role)) {
          notEvaluatedAt(context, cluster, assignment.location, assignment.role.reason);
          continue;
        }
        const role = assignment.role.toLowerCase();
        if (PULL_ONLY.has(role)) continue;
        if (!TOO_BROAD.has(role)) {
          notEvaluatedAt(
            context,
            cluster,
            assignment.location,
            `role ${assignment.role} is not a known registry role`,
          );
          continue;
        }
        reportAt(
          context,
          cluster,
          assignment.location,
          `the kubelet identity of cluster ${cluster.name} has role ${assignment.role}, more than AcrPull`,
          {
            key: assignment.role,
            evidence: { role: assignment.role },
          },
        );
      }
    }
  },
});
