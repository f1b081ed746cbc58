import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { clustersOf, requireNotTrue } from './support.js';

export default defineRule({
  id: 'AKS-GOV-04',
  title: 'Kubernetes dashboard add-on enabled',
  description:
    'The dashboard add-on runs a web UI with broad service account rights inside the cluster; exposed dashboards have been a classic entry point for crypto-mining attacks. It is unsupported since Kubernetes 1.19 and removed from azurerm 3. An absent setting means the add-on is off.',
  severity: 'low',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['Checkov CKV_AZURE_8'],
  fix: {
    az: 'az aks disable-addons -g RG -n NAME --addons kube-dashboard',
    terraform: 'remove addon_profile { kube_dashboard { enabled = true } }',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      requireNotTrue(
        context,
        cluster,
        'addonProfiles.kubeDashboard.enabled',
        `cluster ${cluster.name} enables the Kubernetes dashboard add-on`,
      );
    }
  },
});
