import { defineRule } from '../defineRule.js';
import { CLUSTER, inputsOf } from '../inputs.js';
import { clustersOf, notEvaluatedAt, reportAt } from './support.js';

const AUDIT = new Set(['kube-audit', 'kube-audit-admin', 'audit', 'alllogs']);

export default defineRule({
  id: 'AKS-MON-02',
  title: 'Control-plane audit logs not collected',
  description:
    'The Kubernetes audit log (who did what through the API server) is only kept if a diagnostic setting sends the `kube-audit` or `kube-audit-admin` category (or the `audit`/`allLogs` group) to a workspace or storage. Without it, an incident cannot be investigated. Diagnostic settings are separate resources: they are judged when the input declares them (ARM template, Terraform), not from a cluster document alone.',
  severity: 'high',
  family: 'aks',
  inputs: inputsOf(CLUSTER, { azure: ['DiagnosticSettings'] }),
  refs: ['CIS AKS 2.1.1', 'Azure Policy 245fc9df', 'PSRule Azure.AKS.AuditLogs'],
  fix: {
    az: 'az monitor diagnostic-settings create --resource AKS_ID -n audit --workspace LA_ID --logs \'[{"category":"kube-audit-admin","enabled":true},{"category":"guard","enabled":true}]\'',
    terraform:
      'azurerm_monitor_diagnostic_setting { target_resource_id = azurerm_kubernetes_cluster.x.id  enabled_log { category = "kube-audit-admin" } }',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const settings = cluster.surroundings.diagnosticSettings;
      if (settings === undefined) {
        notEvaluatedAt(
          context,
          cluster,
          undefined,
          'diagnostic settings are separate resources, not part of this cluster document',
        );
        continue;
      }
      if (
        settings.some((setting) => setting.categories.some((category) => AUDIT.has(category.toLowerCase())))
      )
        continue;
      const unreadable = settings.find((setting) => setting.unknownReason);
      if (unreadable) {
        notEvaluatedAt(context, cluster, unreadable.location, unreadable.unknownReason!);
        continue;
      }
      reportAt(
        context,
        cluster,
        settings[0]?.location,
        settings.length === 0
          ? `cluster ${cluster.name} has no diagnostic setting: control-plane audit logs are not kept`
          : `cluster ${cluster.name} has diagnostic settings without the kube-audit or kube-audit-admin category`,
        {
          evidence: {
            diagnosticSettings: settings.map((setting) => ({
              name: setting.name,
              categories: setting.categories,
            })),
          },
        },
      );
    }
  },
});
