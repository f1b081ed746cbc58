module "cluster" {
  source                  = "../aks"
  name                    = "aks1"
  network_policy          = var.network_policy
  local_accounts_disabled = true
}
variable "network_policy" {}
