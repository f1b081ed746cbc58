import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NODE-08.js';
import { lineOf, tfCluster } from './testFixtures.js';

const off = tfCluster('', '    fips_enabled = false');

ruleTester(rule, {
  valid: [
    { name: 'not mandated', files: { 'main.tf': off }, params: { required: false } },
    {
      name: 'mandated and enabled',
      files: { 'main.tf': tfCluster('', '    fips_enabled = true') },
      params: { required: true },
    },
  ],
  invalid: [
    {
      name: 'mandated, disabled',
      files: { 'main.tf': off },
      params: { required: true },
      errors: [{ line: lineOf(off, 'fips_enabled'), resource: 'AgentPool system' }],
    },
  ],
});
