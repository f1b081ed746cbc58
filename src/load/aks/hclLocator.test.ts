import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HclLocator } from './hclLocator.js';

const text = `# comment { not a block
resource "azurerm_kubernetes_cluster" "main" {
  name = "aks-\${var.env}-{x}"   // braces in a string and a comment }
  description = <<-EOT
    a heredoc with { braces } and key = value
  EOT
  /* block comment
     network_profile { } */
  network_profile {
    network_plugin = "azure"
    network_policy = var.policy == "none" ? null : var.policy
  }
  tags = {
    tenancy = "single-team"
    "team/name" = "store"
  }
  dynamic "oms_agent" {
    for_each = var.enabled ? [1] : []
    content {
      log_analytics_workspace_id = "x"
    }
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "a" {
  name = "a"
}
resource "azurerm_kubernetes_cluster_node_pool" "b" {
  name = "b"
}
module "aks" {
  source = "Azure/avm-res-containerservice-managedcluster/azurerm"
  network_profile = {
    network_policy = "cilium"
  }
}
`;
const locator = new HclLocator('main.tf', text);

describe('HCL positions', () => {
  const table: [(string | number)[], number, number][] = [
    [['resource', 'azurerm_kubernetes_cluster', 'main'], 2, 1],
    [['resource', 'azurerm_kubernetes_cluster', 'main', 0, 'name'], 3, 3],
    [['resource', 'azurerm_kubernetes_cluster', 'main', 0, 'network_profile'], 9, 3],
    [['resource', 'azurerm_kubernetes_cluster', 'main', 0, 'network_profile', 0, 'network_policy'], 11, 5],
    [['resource', 'azurerm_kubernetes_cluster', 'main', 0, 'tags', 'tenancy'], 14, 5],
    [['resource', 'azurerm_kubernetes_cluster', 'main', 0, 'tags', 'team/name'], 15, 5],
    [['resource', 'azurerm_kubernetes_cluster', 'main', 0, 'dynamic', 'oms_agent'], 17, 3],
    [['resource', 'azurerm_kubernetes_cluster_node_pool', 'b', 0, 'name'], 29, 3],
    [['module', 'aks', 0, 'network_profile', 'network_policy'], 34, 5],
    // Absent: the deepest written ancestor.
    [['resource', 'azurerm_kubernetes_cluster', 'main', 0, 'network_profile', 0, 'outbound_type'], 9, 3],
    [['resource', 'azurerm_kubernetes_cluster', 'main', 0, 'description', 'key'], 4, 3],
  ];
  for (const [path, line, column] of table) {
    it(`${path.join('.')} → ${line}:${column}`, () => {
      const location = locator.locate(path);
      assert.deepEqual([location.line, location.column], [line, column]);
    });
  }

  it('tells written paths from absent ones', () => {
    assert.equal(locator.has(['resource', 'azurerm_kubernetes_cluster', 'main', 0, 'tags', 'tenancy']), true);
    assert.equal(
      locator.has(['resource', 'azurerm_kubernetes_cluster', 'main', 0, 'network_profile', 0, 'pod_cidr']),
      false,
    );
    assert.equal(
      locator.has(['resource', 'azurerm_kubernetes_cluster', 'main', 0, 'description', 'key']),
      false,
    );
  });

  it('survives unterminated input', () => {
    const broken = new HclLocator('x.tf', 'resource "a" "b" {\n  name = "unterminated\n  x = {');
    assert.equal(broken.locate(['resource', 'a', 'b']).line, 1);
  });
});
