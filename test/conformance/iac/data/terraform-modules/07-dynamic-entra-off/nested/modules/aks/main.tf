resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks1"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "aks1"
  dynamic "azure_active_directory_role_based_access_control" {
    for_each = var.entra ? ["entra"] : []
    content {
      azure_rbac_enabled = var.azure_rbac
    }
  }
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
  identity {
    type = "SystemAssigned"
  }
}
variable "entra" {
  default = false
}
variable "azure_rbac" {
  default = false
}
