import { defineRule } from '../defineRule.js';
import { CLUSTER, inputsOf } from '../inputs.js';
import { clustersOf, notEvaluatedAt, reportAt } from './support.js';

export default defineRule({
  id: 'AKS-GOV-07',
  title: 'No planned maintenance window',
  description:
    'Auto-upgrades and node OS patches run whenever AKS schedules them unless planned maintenance windows (`aksManagedAutoUpgradeSchedule`, `aksManagedNodeOSUpgradeSchedule`) say when. Windows make patching predictable, so teams keep it on instead of disabling it.',
  severity: 'info',
  family: 'aks',
  inputs: inputsOf(CLUSTER, { azure: ['MaintenanceConfigurations'] }),
  refs: ['Azure Policy e1352e44', 'PSRule Azure.AKS.MaintenanceWindow'],
  fix: {
    az: 'az aks maintenanceconfiguration add -g RG --cluster-name NAME -n aksManagedAutoUpgradeSchedule --schedule-type Weekly --day-of-week Sunday --start-time 01:00 --duration 4',
    terraform:
      'maintenance_window_auto_upgrade { frequency = "Weekly"  interval = 1  day_of_week = "Sunday"  start_time = "01:00"  duration = 4 }',
  },
  check(context) {
    for (const cluster of clustersOf(context)) {
      const windows = cluster.surroundings.maintenanceConfigurations;
      if (windows === undefined) {
        notEvaluatedAt(
          context,
          cluster,
          undefined,
          'maintenance configurations are separate resources, not part of this cluster document',
        );
        continue;
      }
      if (windows.length > 0) continue;
      reportAt(context, cluster, undefined, `cluster ${cluster.name} has no planned maintenance window`, {
        evidence: { maintenanceConfigurations: [] },
      });
    }
  },
});
