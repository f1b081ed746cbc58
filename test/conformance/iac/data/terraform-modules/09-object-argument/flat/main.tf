resource "azurerm_kubernetes_cluster" "this" {
  name                    = "aks1"
  location                = "westeurope"
  resource_group_name     = "rg"
  dns_prefix              = "aks1"
  private_cluster_enabled = false
  api_server_access_profile {
    authorized_ip_ranges = ["0.0.0.0/0"]
  }
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
  identity {
    type = "SystemAssigned"
  }
}
