# Azure CNI with Calico and a Windows Server 2022 pool: Calico enforces NetworkPolicy on both OSes.
resource "azurerm_kubernetes_cluster" "legacy" {
  name                = "aks-legacy"
  location            = "westeurope"
  resource_group_name = "rg-legacy"
  dns_prefix          = "aks-legacy"
  kubernetes_version  = "1.33"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4ds_v5"
    node_count = 3
  }

  windows_profile {
    admin_username = "azureuser"
    admin_password = var.windows_admin_password
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "calico"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "win" {
  name                  = "win22"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.legacy.id
  vm_size               = "Standard_D4ds_v5"
  node_count            = 2
  os_type               = "Windows"
  os_sku                = "Windows2022"
}

variable "windows_admin_password" {
  type      = string
  sensitive = true
}
