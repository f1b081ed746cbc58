import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { clustersOf, requireNotTrue } from './support.js';

export default defineRule({
  id: 'AKS-GOV-02',
  title: 'Legacy PodSecurityPolicy flag set',
  description:
    'PodSecurityPolicy was removed in Kubernetes 1.25 and the AKS flag is gone from API 2025-03-01 and azurerm 4. A cluster definition that still sets it relies on a control that no longer exists: use Pod Security Admission, the Azure Policy add-on or deployment safeguards.',
  severity: 'info',
  family: 'aks',
  inputs: CLUSTER,
  seed: true,
  refs: ['Azure Policy 3abeb944 (deprecated)'],
  fix: {
    az: 'az aks update -g RG -n NAME --disable-pod-security-policy; label namespaces with pod-security.kubernetes.io/enforce',
    terraform: 'remove enable_pod_security_policy',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      requireNotTrue(
        context,
        cluster,
        'enablePodSecurityPolicy',
        `cluster ${cluster.name} still enables the removed PodSecurityPolicy feature`,
      );
    }
  },
});
