import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { clustersOf, requireTrue } from './support.js';

export default defineRule({
  id: 'AKS-MON-01',
  title: 'Microsoft Defender for Containers not enabled on the cluster',
  description:
    'The Defender profile deploys the sensor that detects runtime threats (crypto miners, reverse shells, suspicious API calls) and feeds vulnerability assessment. Without it the cluster has no runtime threat detection.',
  severity: 'high',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['CIS AKS 5.1.1', 'Azure Policy a1840de2', 'kubescape C-0243', 'PSRule Azure.AKS.DefenderProfile'],
  fix: {
    az: 'az aks update -g RG -n NAME --enable-defender [--defender-config FILE]',
    terraform: 'microsoft_defender { log_analytics_workspace_id = azurerm_log_analytics_workspace.la.id }',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      requireTrue(
        context,
        cluster,
        'securityProfile.defender.securityMonitoring.enabled',
        () => `cluster ${cluster.name} does not enable Microsoft Defender for Containers`,
      );
    }
  },
});
