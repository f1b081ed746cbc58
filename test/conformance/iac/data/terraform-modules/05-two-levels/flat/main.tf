resource "azurerm_kubernetes_cluster" "this" {
  name                    = "aks1"
  location                = "westeurope"
  resource_group_name     = "rg"
  dns_prefix              = "aks1"
  local_account_disabled  = true
  private_cluster_enabled = false
  network_profile {
    network_plugin = "azure"
    network_policy = "cilium"
  }
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
  identity {
    type = "SystemAssigned"
  }
}
