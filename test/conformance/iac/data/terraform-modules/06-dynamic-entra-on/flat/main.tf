resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks1"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "aks1"
  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
  }
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
  identity {
    type = "SystemAssigned"
  }
}
