resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks1"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "aks1"
  windows_profile {
    admin_username = "azureuser"
    admin_password = "P@ssw0rd-in-caller-1"
  }
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
  identity {
    type = "SystemAssigned"
  }
}
