# The shop's cluster (store) and a backup cluster, in one repository with the shop's manifests.
resource "azurerm_kubernetes_cluster" "backup" {
  name                      = "aks-backup"
  location                  = "westeurope"
  resource_group_name       = "rg-backup"
  dns_prefix                = "aks-backup"
  kubernetes_version        = "1.33"
  local_account_disabled    = true
  oidc_issuer_enabled       = true
  workload_identity_enabled = true
  azure_policy_enabled      = true
  automatic_upgrade_channel = "patch"

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
  }

  api_server_access_profile {
    authorized_ip_ranges = ["20.61.128.0/24"]
  }

  default_node_pool {
    name                    = "system"
    vm_size                 = "Standard_D4ds_v5"
    node_count              = 3
    host_encryption_enabled = true
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_policy      = "none"
  }

  identity {
    type = "SystemAssigned"
  }
}
