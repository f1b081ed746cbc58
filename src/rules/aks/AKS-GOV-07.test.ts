import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-GOV-07.js';
import { azCluster, tfCluster } from './testFixtures.js';

ruleTester(rule, {
  valid: [
    {
      name: 'maintenance_window_auto_upgrade',
      files: {
        'main.tf': tfCluster(
          '  maintenance_window_auto_upgrade {\n    frequency   = "Weekly"\n    interval    = 1\n    day_of_week = "Sunday"\n    start_time  = "01:00"\n    duration    = 4\n  }',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'none',
      files: { 'main.tf': tfCluster() },
      errors: [{ line: 1, resource: 'ManagedCluster aks1' }],
    },
    {
      name: 'not visible in a cluster document',
      files: { 'c.json': azCluster() },
      errors: [],
      notEvaluated: [{ reason: /separate resources/ }],
    },
  ],
});
