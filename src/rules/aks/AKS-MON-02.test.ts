import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-MON-02.js';
import { azCluster, lineOf, tfCluster } from './testFixtures.js';

const withSetting = (category: string) => `${tfCluster()}
resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                       = "aks-audit"
  target_resource_id         = azurerm_kubernetes_cluster.main.id
  log_analytics_workspace_id = "/subscriptions/0/la"
  enabled_log {
    category = "${category}"
  }
}
`;
const metricsOnly = withSetting('cluster-autoscaler');

ruleTester(rule, {
  valid: [
    { name: 'kube-audit-admin', files: { 'main.tf': withSetting('kube-audit-admin') } },
    { name: 'kube-audit', files: { 'main.tf': withSetting('kube-audit') } },
  ],
  invalid: [
    {
      name: 'no diagnostic setting',
      files: { 'main.tf': tfCluster() },
      errors: [{ line: 1, message: /no diagnostic setting/ }],
    },
    {
      name: 'setting without audit categories',
      files: { 'main.tf': metricsOnly },
      errors: [
        {
          line: lineOf(metricsOnly, 'resource "azurerm_monitor_diagnostic_setting"'),
          message: /without the kube-audit/,
        },
      ],
    },
    {
      name: 'a cluster document cannot show diagnostic settings',
      files: { 'c.json': azCluster() },
      errors: [],
      notEvaluated: [{ reason: /separate resources/ }],
    },
  ],
});
