import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { clustersOf, requireTrue } from './support.js';

export default defineRule({
  id: 'AKS-GOV-01',
  title: 'Azure Policy add-on not enabled',
  description:
    'The Azure Policy add-on (Gatekeeper) enforces and reports Azure Policy for Kubernetes inside the cluster: Pod Security baselines, allowed registries, internal load balancers. Without it, in-cluster guardrails are not applied or audited centrally.',
  severity: 'medium',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['CIS AKS 4.3', 'Checkov CKV_AZURE_116', 'Trivy AVD-AZU-0066', 'Azure Policy 0a15ec92'],
  fix: {
    az: 'az aks enable-addons -g RG -n NAME --addons azure-policy',
    terraform: 'azure_policy_enabled = true (azurerm 2.x: addon_profile { azure_policy { enabled = true } })',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      requireTrue(
        context,
        cluster,
        'addonProfiles.azurepolicy.enabled',
        () => `cluster ${cluster.name} does not enable the Azure Policy add-on`,
      );
    }
  },
});
