import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-GOV-05.js';
import { armCluster, lineOf } from './testFixtures.js';

const other = armCluster({}, { tags: { owner: 'team-a' } });

ruleTester(rule, {
  valid: [{ name: 'tenancy tag', files: { 'c.json': armCluster({}, { tags: { tenancy: 'single-team' } }) } }],
  invalid: [
    {
      name: 'tags without tenancy',
      files: { 'c.json': other },
      errors: [{ line: lineOf(other, '"tags"'), resource: 'ManagedCluster aks1' }],
    },
    { name: 'no tags', files: { 'c.json': armCluster() }, errors: [{ line: 1 }] },
  ],
});
