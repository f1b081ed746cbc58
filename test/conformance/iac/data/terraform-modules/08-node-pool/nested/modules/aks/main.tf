resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks1"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "aks1"
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
  }
  identity {
    type = "SystemAssigned"
  }
}
resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                   = "user"
  kubernetes_cluster_id  = azurerm_kubernetes_cluster.this.id
  vm_size                = "Standard_D4s_v5"
  os_type                = var.os_type
  node_public_ip_enabled = var.public_ip
}
variable "public_ip" {
  default = false
}
variable "os_type" {
  default = "Linux"
}
