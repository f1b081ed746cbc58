import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-MON-03.js';
import { armCluster, azCluster, tfCluster } from './testFixtures.js';

ruleTester(rule, {
  valid: [
    {
      name: 'Terraform oms_agent',
      files: {
        'main.tf': tfCluster('  oms_agent {\n    log_analytics_workspace_id = "/subscriptions/0/la"\n  }'),
      },
    },
    {
      name: 'ARM omsAgent casing',
      files: { 'c.json': armCluster({ addonProfiles: { omsAgent: { enabled: true } } }) },
    },
    {
      name: 'Azure Monitor metrics',
      files: { 'c.json': azCluster({ azureMonitorProfile: { metrics: { enabled: true } } }) },
    },
  ],
  invalid: [
    {
      name: 'absent',
      files: { 'main.tf': tfCluster() },
      errors: [{ line: 1, resource: 'ManagedCluster aks1' }],
    },
    {
      name: 'conditional on a local',
      files: {
        'main.tf': `${tfCluster('  dynamic "oms_agent" {\n    for_each = var.monitoring ? [1] : []\n    content {\n      log_analytics_workspace_id = "/subscriptions/0/la"\n    }\n  }')}\nvariable "monitoring" {\n  type = bool\n}\n`,
      },
      errors: [],
      notEvaluated: [{ reason: /dynamic "oms_agent"/ }],
    },
  ],
});
