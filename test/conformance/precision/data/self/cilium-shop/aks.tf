# A hardened AKS cluster on Azure CNI Overlay powered by Cilium (azurerm 4.x): no network_policy is written,
# the Cilium dataplane enforces NetworkPolicy itself.
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.20"
    }
  }
}

resource "azurerm_kubernetes_cluster" "shop" {
  name                      = "aks-shop"
  location                  = "westeurope"
  resource_group_name       = "rg-shop"
  dns_prefix                = "aks-shop"
  kubernetes_version        = "1.33"
  sku_tier                  = "Standard"
  private_cluster_enabled   = true
  local_account_disabled    = true
  oidc_issuer_enabled       = true
  workload_identity_enabled = true
  azure_policy_enabled      = true
  run_command_enabled       = false
  image_cleaner_enabled     = true
  image_cleaner_interval_hours = 48
  automatic_upgrade_channel = "patch"
  node_os_upgrade_channel   = "NodeImage"

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
    tenant_id          = "00000000-0000-0000-0000-000000000000"
  }

  default_node_pool {
    name                         = "system"
    vm_size                      = "Standard_D4ds_v5"
    node_count                   = 3
    vnet_subnet_id               = "/subscriptions/0000/resourceGroups/rg-shop/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes"
    host_encryption_enabled      = true
    os_disk_type                 = "Ephemeral"
    os_sku                       = "AzureLinux"
    only_critical_addons_enabled = true
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    outbound_type       = "userDefinedRouting"
  }

  identity {
    type = "SystemAssigned"
  }

  key_vault_secrets_provider {
    secret_rotation_enabled = true
  }

  microsoft_defender {
    log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/rg-shop/providers/Microsoft.OperationalInsights/workspaces/law"
  }

  oms_agent {
    log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/rg-shop/providers/Microsoft.OperationalInsights/workspaces/law"
  }

  maintenance_window_auto_upgrade {
    frequency   = "Weekly"
    interval    = 1
    day_of_week = "Sunday"
    start_time  = "01:00"
    duration    = 4
  }

  tags = {
    tenancy = "single-team"
  }
}

resource "azurerm_monitor_diagnostic_setting" "audit" {
  name                       = "audit"
  target_resource_id         = azurerm_kubernetes_cluster.shop.id
  log_analytics_workspace_id = "/subscriptions/0000/resourceGroups/rg-shop/providers/Microsoft.OperationalInsights/workspaces/law"

  enabled_log {
    category = "kube-audit-admin"
  }
  enabled_log {
    category = "guard"
  }
}
