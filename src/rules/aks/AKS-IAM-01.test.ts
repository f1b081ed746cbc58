import { ruleTester } from '../testing/ruleTester.js';
import rule from './AKS-IAM-01.js';
import { armCluster, azCluster, lineOf, tfCluster } from './testFixtures.js';

const tfOff = tfCluster('  role_based_access_control_enabled = false');
const tfLegacy = tfCluster('  role_based_access_control {\n    enabled = false\n  }');
const arm = armCluster({ enableRBAC: false });
const template = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "rbac": { "type": "bool" } },
  "resources": [
    {
      "type": "Microsoft.ContainerService/managedClusters",
      "apiVersion": "2024-05-01",
      "name": "aks1",
      "properties": { "enableRBAC": "[parameters('rbac')]" }
    }
  ]
}
`;

const describeDoc = `apiVersion: management.azure.com/v1
kind: ClusterDescribe
metadata:
  name: aks1
  provider: aks
data:
  name: aks1
  type: Microsoft.ContainerService/ManagedClusters
  properties:
    kubernetesVersion: 1.33.2
    enableRBAC: false
`;

ruleTester(rule, {
  valid: [
    { name: 'Terraform omits the attribute (default true)', files: { 'main.tf': tfCluster() } },
    {
      name: 'Terraform explicit true',
      files: { 'main.tf': tfCluster('  role_based_access_control_enabled = true') },
    },
    { name: 'az aks show with enableRbac true', files: { 'cluster.json': azCluster() } },
    {
      name: 'ARM template without enableRBAC (RP default)',
      files: {
        'cluster.json': template.replace(', "properties": { "enableRBAC": "[parameters(\'rbac\')]" }', ''),
      },
    },
  ],
  invalid: [
    {
      name: 'kubescape ClusterDescribe (arrives as a Kubernetes object)',
      files: { 'describe.yaml': describeDoc },
      errors: [{ line: lineOf(describeDoc, 'enableRBAC'), resource: 'ManagedCluster aks1' }],
    },
    {
      name: 'Terraform v3+ attribute false',
      files: { 'main.tf': tfOff },
      errors: [{ line: lineOf(tfOff, 'role_based_access_control_enabled'), resource: 'ManagedCluster aks1' }],
    },
    {
      name: 'Terraform azurerm 2.x block',
      files: { 'main.tf': tfLegacy },
      errors: [{ line: lineOf(tfLegacy, 'enabled = false'), resource: 'ManagedCluster aks1' }],
    },
    {
      name: 'ARM GET',
      files: { 'cluster.json': arm },
      errors: [{ line: lineOf(arm, '"enableRBAC"'), message: /RBAC disabled/ }],
    },
    {
      name: 'az aks show, string boolean',
      files: { 'cluster.json': azCluster({ enableRbac: 'False' }) },
      errors: [{ line: lineOf(azCluster({ enableRbac: 'False' }), '"enableRbac"') }],
    },
    {
      name: 'template parameter without default is not evaluated, not failed',
      files: { 'cluster.json': template },
      errors: [],
      notEvaluated: [{ reason: "depends on parameter 'rbac'" }],
    },
  ],
});
