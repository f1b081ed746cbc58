resource "azurerm_kubernetes_cluster" "this" {
  name                    = var.name
  location                = "westeurope"
  resource_group_name     = "rg"
  dns_prefix              = var.name
  local_account_disabled  = var.local_accounts_disabled
  private_cluster_enabled = var.private
  network_profile {
    network_plugin = "azure"
    network_policy = var.network_policy
  }
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
  identity {
    type = "SystemAssigned"
  }
}
