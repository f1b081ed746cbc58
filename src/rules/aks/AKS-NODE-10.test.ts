import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NODE-10.js';
import { armCluster, lineOf } from './testFixtures.js';

const open = armCluster({ nodeResourceGroupProfile: { restrictionLevel: 'Unrestricted' } });

ruleTester(rule, {
  valid: [
    {
      name: 'ReadOnly',
      files: { 'c.json': armCluster({ nodeResourceGroupProfile: { restrictionLevel: 'ReadOnly' } }) },
    },
  ],
  invalid: [
    {
      name: 'Unrestricted',
      files: { 'c.json': open },
      errors: [{ line: lineOf(open, '"restrictionLevel"'), resource: 'ManagedCluster aks1' }],
    },
    { name: 'absent', files: { 'c.json': armCluster() }, errors: [{ line: 1, message: /default/ }] },
  ],
});
