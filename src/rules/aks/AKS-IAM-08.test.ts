import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-IAM-08.js';
import { armCluster, lineOf, tfCluster } from './testFixtures.js';

const tfOn = tfCluster('  run_command_enabled = true');
const arm = armCluster({ apiServerAccessProfile: { disableRunCommand: false } });

ruleTester(rule, {
  valid: [
    {
      name: 'Terraform run_command_enabled = false',
      files: { 'main.tf': tfCluster('  run_command_enabled = false') },
    },
    {
      name: 'ARM disableRunCommand',
      files: { 'c.json': armCluster({ apiServerAccessProfile: { disableRunCommand: true } }) },
    },
  ],
  invalid: [
    {
      name: 'Terraform explicit true',
      files: { 'main.tf': tfOn },
      errors: [{ line: lineOf(tfOn, 'run_command_enabled') }],
    },
    { name: 'Terraform default', files: { 'main.tf': tfCluster() }, errors: [{ line: 1 }] },
    {
      name: 'ARM false',
      files: { 'c.json': arm },
      errors: [{ line: lineOf(arm, '"disableRunCommand"'), resource: 'ManagedCluster aks1' }],
    },
  ],
});
