import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, bool, clustersOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-IAM-07',
  title: 'Workload identity not enabled, or deprecated pod-managed identity in use',
  description:
    'Workload identity (with the OIDC issuer) gives pods federated Entra tokens without secrets. The pod-managed identity add-on (v1) it replaces is deprecated, intercepts IMDS traffic and lets any pod in a namespace claim identities bound there.',
  severity: 'medium',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['Azure Policy 2cc2e023'],
  fix: {
    az: 'az aks update -g RG -n NAME --enable-oidc-issuer --enable-workload-identity; az aks update -g RG -n NAME --disable-pod-identity',
    terraform: 'oidc_issuer_enabled = true; workload_identity_enabled = true',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const podIdentity = bool(cluster, 'podIdentityProfile.enabled');
      const workloadIdentity = bool(cluster, 'securityProfile.workloadIdentity.enabled');
      const oidc = bool(cluster, 'oidcIssuerProfile.enabled');
      if (!anyUnknown(context, cluster, [podIdentity]) && podIdentity.value === true) {
        reportAt(
          context,
          cluster,
          podIdentity,
          `cluster ${cluster.name} uses the deprecated pod-managed identity add-on`,
          {
            key: 'podIdentity',
            evidence: { podIdentityProfile: { enabled: true } },
          },
        );
      }
      if (anyUnknown(context, cluster, [workloadIdentity])) continue;
      if (workloadIdentity.value !== true) {
        reportAt(
          context,
          cluster,
          workloadIdentity,
          `cluster ${cluster.name} does not enable workload identity`,
          {
            key: 'workloadIdentity',
            evidence: { workloadIdentity: workloadIdentity.value ?? false },
          },
        );
        continue;
      }
      if (anyUnknown(context, cluster, [oidc])) continue;
      if (oidc.value === false) {
        reportAt(
          context,
          cluster,
          oidc,
          `cluster ${cluster.name} enables workload identity without the OIDC issuer it requires`,
          {
            key: 'oidc',
            evidence: { oidcIssuerProfile: { enabled: false } },
          },
        );
      }
    }
  },
});
