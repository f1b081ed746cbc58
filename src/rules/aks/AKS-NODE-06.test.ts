import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-NODE-06.js';
import { azCluster, lineOf, tfCluster } from './testFixtures.js';

const mariner = tfCluster('', '    os_sku = "CBLMariner"');
const image = azCluster({}, { nodeImageVersion: 'AKSUbuntu-1804gen2containerd-2023.02.15' });
const avset = tfCluster('', '    type = "AvailabilitySet"');

ruleTester(rule, {
  valid: [
    { name: 'Azure Linux', files: { 'main.tf': tfCluster('', '    os_sku = "AzureLinux"') } },
    {
      name: 'current Ubuntu image',
      files: { 'c.json': azCluster({}, { nodeImageVersion: 'AKSUbuntu-2204gen2containerd-2025.10.01' }) },
    },
  ],
  invalid: [
    {
      name: 'Azure Linux 2.0',
      files: { 'main.tf': mariner },
      errors: [{ line: lineOf(mariner, 'os_sku'), resource: 'AgentPool system' }],
    },
    {
      name: 'Ubuntu 18.04 image',
      files: { 'c.json': image },
      errors: [{ line: lineOf(image, '"nodeImageVersion"'), message: /18\.04/ }],
    },
    {
      name: 'Availability Set pool',
      files: { 'main.tf': avset },
      errors: [{ line: lineOf(avset, 'type = "AvailabilitySet"'), message: /Availability Set/ }],
    },
  ],
});
