import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NODE-04.js';
import { armCluster, azCluster, lineOf } from './testFixtures.js';

const old = azCluster({ kubernetesVersion: '1.24.9' }, { orchestratorVersion: '1.24.9' });
const lts = armCluster(
  { kubernetesVersion: '1.31.4', supportPlan: 'AKSLongTermSupport' },
  { sku: { name: 'Base', tier: 'Premium' } },
);

ruleTester(rule, {
  valid: [
    { name: 'current', files: { 'c.json': azCluster() } },
    { name: 'older version under long-term support', files: { 'c.json': lts } },
    { name: 'custom minimum', files: { 'c.json': old }, params: { minimumVersion: '1.24' } },
  ],
  invalid: [
    {
      name: 'cluster and pool on 1.24',
      files: { 'c.json': old },
      errors: [
        { line: lineOf(old, '"kubernetesVersion"'), resource: 'ManagedCluster aks1' },
        { line: lineOf(old, '"orchestratorVersion"'), resource: 'AgentPool system' },
      ],
    },
  ],
});
