import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NET-09.js';
import { armCluster, lineOf, tfCluster } from './testFixtures.js';

const nat = armCluster({ networkProfile: { networkPlugin: 'azure', outboundType: 'managedNATGateway' } });

ruleTester(rule, {
  valid: [
    {
      name: 'user-defined routing through a firewall',
      files: {
        'main.tf': tfCluster(
          '  network_profile {\n    network_plugin = "azure"\n    outbound_type  = "userDefinedRouting"\n  }',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'default load balancer',
      files: { 'main.tf': tfCluster() },
      errors: [{ line: 1, message: /load balancer \(the default\)/ }],
    },
    {
      name: 'NAT gateway',
      files: { 'c.json': nat },
      errors: [{ line: lineOf(nat, '"outboundType"'), resource: 'ManagedCluster aks1' }],
    },
  ],
});
