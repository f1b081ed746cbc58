import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NODE-05.js';
import { azCluster, lineOf, tfCluster } from './testFixtures.js';

const local = azCluster({}, { securityProfile: { sshAccess: 'LocalUser' } });

ruleTester(rule, {
  valid: [
    {
      name: 'SSH disabled',
      files: { 'c.json': azCluster({}, { securityProfile: { sshAccess: 'Disabled' } }) },
    },
  ],
  invalid: [
    {
      name: 'LocalUser',
      files: { 'c.json': local },
      errors: [{ line: lineOf(local, '"sshAccess"'), resource: 'AgentPool system' }],
    },
    {
      name: 'default (Terraform cannot set it)',
      files: { 'main.tf': tfCluster() },
      errors: [
        { line: lineOf(tfCluster(), 'default_node_pool'), resource: 'AgentPool system', message: /default/ },
      ],
    },
  ],
});
