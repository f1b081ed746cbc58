import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NODE-09.js';
import { azCluster, lineOf, tfCluster } from './testFixtures.js';

const off = tfCluster('', '    only_critical_addons_enabled = false');

ruleTester(rule, {
  valid: [
    {
      name: 'only_critical_addons_enabled',
      files: { 'main.tf': tfCluster('', '    only_critical_addons_enabled = true') },
    },
    {
      name: 'CriticalAddonsOnly taint (ARM)',
      files: { 'c.json': azCluster({}, { nodeTaints: ['CriticalAddonsOnly=true:NoSchedule'] }) },
    },
    { name: 'user pools are not judged', files: { 'c.json': azCluster({}, { mode: 'User' }) } },
  ],
  invalid: [
    {
      name: 'explicit false',
      files: { 'main.tf': off },
      errors: [{ line: lineOf(off, 'only_critical_addons_enabled'), resource: 'AgentPool system' }],
    },
    {
      name: 'no taint',
      files: { 'main.tf': tfCluster() },
      errors: [{ line: lineOf(tfCluster(), 'default_node_pool'), resource: 'AgentPool system' }],
    },
  ],
});
