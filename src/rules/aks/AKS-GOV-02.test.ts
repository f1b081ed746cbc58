import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-GOV-02.js';
import { armCluster, lineOf, tfCluster } from './testFixtures.js';

const arm = armCluster({ enablePodSecurityPolicy: true });
const tf = tfCluster('  enable_pod_security_policy = true');

ruleTester(rule, {
  valid: [{ name: 'absent', files: { 'c.json': armCluster() } }],
  invalid: [
    {
      name: 'ARM',
      files: { 'c.json': arm },
      errors: [{ line: lineOf(arm, '"enablePodSecurityPolicy"'), resource: 'ManagedCluster aks1' }],
    },
    {
      name: 'Terraform',
      files: { 'main.tf': tf },
      errors: [{ line: lineOf(tf, 'enable_pod_security_policy') }],
    },
  ],
});
