terraform {
  required_version = ">= 1.9, < 2.0"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 4.46.0, < 5.1.1"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.5"
    }
  }
}

provider "azurerm" {
  resource_providers_to_register = ["Microsoft.ContainerService", "Microsoft.ManagedIdentity", "Microsoft.Network", "Microsoft.OperationalInsights"]

  features {
    resource_group {
      prevent_deletion_if_contains_resources = false
    }
  }
}

data "azurerm_client_config" "current" {}

module "regions" {
  source  = "Azure/avm-utl-regions/azurerm"
  version = "0.12.0"

  has_availability_zones = true
  is_recommended         = true
  region_name_regex      = "euap"
  region_name_regex_mode = "not_match"
}

# This allows us to randomize the region for the resource group.
resource "random_integer" "region_index" {
  max = length(module.regions.regions) - 1
  min = 0
}
## End of section to provide a random Azure region for the resource group

locals {
  location = module.regions.regions[random_integer.region_index.result].name
}

# This ensures we have unique CAF compliant names for our resources.
module "naming" {
  source  = "Azure/naming/azurerm"
  version = "0.4.3"
}

resource "azurerm_resource_group" "this" {
  location = local.location
  name     = module.naming.resource_group.name_unique
}

resource "azurerm_virtual_network" "vnet" {
  location            = azurerm_resource_group.this.location
  name                = "waf-vnet"
  resource_group_name = azurerm_resource_group.this.name
  address_space       = ["10.1.0.0/16"]
}

resource "azurerm_subnet" "api_server" {
  address_prefixes     = ["10.1.0.0/28"]
  name                 = "apiServerSubnet"
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.vnet.name

  lifecycle {
    ignore_changes = [delegation]
  }
}

resource "azurerm_subnet" "subnet" {
  address_prefixes     = ["10.1.1.0/24"]
  name                 = "default"
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.vnet.name
}

resource "azurerm_subnet" "unp1" {
  address_prefixes     = ["10.1.2.0/24"]
  name                 = "unp1"
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.vnet.name
}

resource "azurerm_private_dns_zone" "zone" {
  name                = "privatelink.${azurerm_resource_group.this.location}.azmk8s.io"
  resource_group_name = azurerm_resource_group.this.name
}

# Identity for the managed cluster
resource "azurerm_user_assigned_identity" "identity" {
  location            = azurerm_resource_group.this.location
  name                = "aks-identity"
  resource_group_name = azurerm_resource_group.this.name
}

# Identity for the kubelet, used to pull images from ACR for example
resource "azurerm_user_assigned_identity" "kubelet_identity" {
  location            = azurerm_resource_group.this.location
  name                = "aks-kubelet-identity"
  resource_group_name = azurerm_resource_group.this.name
}

resource "azurerm_role_assignment" "managed_identity_operator" {
  principal_id         = azurerm_user_assigned_identity.identity.principal_id
  scope                = azurerm_user_assigned_identity.kubelet_identity.id
  role_definition_name = "Managed Identity Operator"
}

resource "azurerm_role_assignment" "network_contributor" {
  principal_id         = azurerm_user_assigned_identity.identity.principal_id
  scope                = azurerm_virtual_network.vnet.id
  role_definition_name = "Network Contributor"
}

resource "azurerm_role_assignment" "private_dns_zone_contributor" {
  principal_id         = azurerm_user_assigned_identity.identity.principal_id
  scope                = azurerm_private_dns_zone.zone.id
  role_definition_name = "Private DNS Zone Contributor"
}

resource "azurerm_private_dns_zone_virtual_network_link" "vnet_link" {
  name                = "privatelink-${azurerm_resource_group.this.location}-azmk8s-io"
  private_dns_zone_id = azurerm_private_dns_zone.zone.id
  virtual_network_id  = azurerm_virtual_network.vnet.id
}

resource "azurerm_log_analytics_workspace" "workspace" {
  location            = azurerm_resource_group.this.location
  name                = "waf-log-analytics"
  resource_group_name = azurerm_resource_group.this.name
  retention_in_days   = 30
  sku                 = "PerGB2018"
}

resource "random_string" "dns_prefix" {
  length  = 10    # Set the length of the string
  lower   = true  # Use lowercase letters
  numeric = true  # Include numbers
  special = false # No special characters
  upper   = false # No uppercase letters
}

module "waf_aligned" {
  source = "Azure/avm-res-containerservice-managedcluster/azurerm"

  location  = azurerm_resource_group.this.location
  name      = module.naming.kubernetes_cluster.name_unique
  parent_id = azurerm_resource_group.this.id
  aad_profile = {
    tenant_id              = data.azurerm_client_config.current.tenant_id
    enable_azure_rbac      = true
    admin_group_object_ids = []
    managed                = true
  }
  addon_profile_oms_agent = {
    enabled = true
    config = {
      log_analytics_workspace_resource_id = azurerm_log_analytics_workspace.workspace.id
      use_aad_auth                        = true
    }
  }
  agent_pools = {
    unp1 = {
      name                = "userpool1"
      vm_size             = "Standard_D2S_v6"
      enable_auto_scaling = true
      max_count           = 3
      max_pods            = 50
      min_count           = 2
      os_disk_size_gb     = 60
      vnet_subnet_id      = azurerm_subnet.unp1.id

      upgrade_settings = {
        max_surge = "10%"
      }
    }
  }
  api_server_access_profile = {
    enable_private_cluster  = true
    enable_vnet_integration = true
    private_dns_zone        = azurerm_private_dns_zone.zone.id
    subnet_id               = azurerm_subnet.api_server.id
  }
  auto_scaler_profile = {
    expander                   = "random"
    scan_interval              = "20s"
    scale_down_unneeded_time   = "10m"
    scale_down_delay_after_add = "10m"
  }
  auto_upgrade_profile = {
    upgrade_channel         = "stable"
    node_os_upgrade_channel = "Unmanaged"
  }
  default_agent_pool = {
    name                = "default"
    vm_size             = "Standard_D2S_v6"
    enable_auto_scaling = true
    max_count           = 5
    max_pods            = 50
    min_count           = 2
    vnet_subnet_id      = azurerm_subnet.subnet.id
    mode                = "System"
    node_taints         = ["CriticalAddonsOnly=true:NoSchedule"]
    upgrade_settings = {
      max_surge = "10%"
    }
  }
  disable_local_accounts = true
  fqdn_subdomain         = random_string.dns_prefix.result
  identity_profile = {
    kubeletidentity = {
      resource_id = azurerm_user_assigned_identity.kubelet_identity.id
    }
  }
  maintenanceconfiguration = {
    aksManagedAutoUpgradeSchedule = {
      name = "aksManagedAutoUpgradeSchedule"
      maintenance_window = {
        duration_hours = 4
        start_time     = "00:00"
        utc_offset     = "+00:00"
        start_date     = "2024-10-15"
        schedule = {
          weekly = {
            day_of_week    = "Sunday"
            interval_weeks = 1
          }
        }
      }
    }
  }
  managed_identities = {
    system_assigned            = false
    user_assigned_resource_ids = [azurerm_user_assigned_identity.identity.id]
  }
  network_profile = {
    # In enterprise environments you typically want to manage outbound traffic using your own routing.
    # This reuqires user defined routing (UDR) to be setup in the subnet used by the AKS cluster.
    # outbound_type       = "userDefinedRouting"
    dns_service_ip      = "10.10.200.10"
    service_cidr        = "10.10.200.0/24"
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_dataplane   = "cilium"
    advanced_networking = {
      enabled = true
      observability = {
        enabled = true
      }
      security = {
        enabled                   = true
        advanced_network_policies = "FQDN"
      }
    }
  }
  role_assignments = {
    rbac_admin = {
      principal_id                     = data.azurerm_client_config.current.object_id
      role_definition_id_or_name       = "Azure Kubernetes Service RBAC Cluster Admin"
      skip_service_principal_aad_check = false
    }
  }
  security_profile = {
    defender = {
      log_analytics_workspace_resource_id = azurerm_log_analytics_workspace.workspace.id
      security_monitoring = {
        enabled = true
      }
    }
  }
  sku = {
    name = "Base"
    tier = "Standard"
  }

  depends_on = [
    azurerm_role_assignment.private_dns_zone_contributor,
    azurerm_role_assignment.network_contributor,
    azurerm_role_assignment.managed_identity_operator,
  ]
}
