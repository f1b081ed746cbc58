import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { clustersOf, requireTrue } from './support.js';

export default defineRule({
  id: 'AKS-IAM-08',
  title: 'Command invoke (run command) enabled',
  description:
    'Run command lets anyone with the Azure action `managedClusters/runCommand` execute kubectl inside the cluster through the Azure control plane, bypassing private networking and authorized IP ranges.',
  severity: 'medium',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['Azure Policy 89f2d532'],
  fix: { az: 'az aks update -g RG -n NAME --disable-run-command', terraform: 'run_command_enabled = false' },
  check(context) {
    for (const cluster of clustersOf(context)) {
      requireTrue(
        context,
        cluster,
        'apiServerAccessProfile.disableRunCommand',
        () => `cluster ${cluster.name} allows command invoke (run command)`,
      );
    }
  },
});
