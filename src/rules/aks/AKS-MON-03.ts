import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { anyUnknown, bool, clustersOf, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-MON-03',
  title: 'Container insights / Azure Monitor not enabled',
  description:
    'Container insights (the monitoring add-on, `omsagent`) or Azure Monitor managed Prometheus collect node and container logs and metrics: without them there is no record of what ran and how it behaved.',
  severity: 'medium',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['Checkov CKV_AZURE_4', 'Trivy AVD-AZU-0040', 'PSRule Azure.AKS.ContainerInsights'],
  fix: {
    az: 'az aks enable-addons -g RG -n NAME --addons monitoring --workspace-resource-id LA_ID',
    terraform:
      'oms_agent { log_analytics_workspace_id = azurerm_log_analytics_workspace.la.id } (azurerm 2.x: addon_profile { oms_agent { enabled = true } })',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const insights = bool(cluster, 'addonProfiles.omsagent.enabled');
      const metrics = bool(cluster, 'azureMonitorProfile.metrics.enabled');
      if (insights.value === true || metrics.value === true) continue;
      if (anyUnknown(context, cluster, [insights, metrics])) continue;
      reportAt(
        context,
        cluster,
        insights,
        `cluster ${cluster.name} enables neither Container insights nor Azure Monitor metrics`,
        {
          evidence: { omsagent: insights.value ?? false, azureMonitorMetrics: metrics.value ?? false },
        },
      );
    }
  },
});
