import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-DATA-04.js';
import { azCluster, lineOf, tfCluster } from './testFixtures.js';

const managed = tfCluster('', '    os_disk_type = "Managed"');
const az = azCluster({}, { osDiskType: 'Managed' });

ruleTester(rule, {
  valid: [
    { name: 'Ephemeral', files: { 'main.tf': tfCluster('', '    os_disk_type = "Ephemeral"') } },
    { name: 'unset: AKS picks Ephemeral when the VM supports it', files: { 'main.tf': tfCluster() } },
  ],
  invalid: [
    {
      name: 'Terraform Managed',
      files: { 'main.tf': managed },
      errors: [{ line: lineOf(managed, 'os_disk_type'), resource: 'AgentPool system' }],
    },
    {
      name: 'az Managed',
      files: { 'c.json': az },
      errors: [{ line: lineOf(az, '"osDiskType"'), resource: 'AgentPool system' }],
    },
  ],
});
