import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NET-14.js';
import { lineOf, tfCluster } from './testFixtures.js';

const basic = tfCluster(
  '  network_profile {\n    network_plugin    = "kubenet"\n    load_balancer_sku = "basic"\n  }',
);

ruleTester(rule, {
  valid: [
    { name: 'default standard', files: { 'main.tf': tfCluster() } },
    { name: 'explicit standard', files: { 'main.tf': basic.replace('"basic"', '"standard"') } },
  ],
  invalid: [
    {
      name: 'basic',
      files: { 'main.tf': basic },
      errors: [{ line: lineOf(basic, 'load_balancer_sku'), resource: 'ManagedCluster aks1' }],
    },
  ],
});
