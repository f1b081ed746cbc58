module "aks" {
  source                  = "./modules/aks"
  name                    = "aks1"
  network_policy          = "calico"
  local_accounts_disabled = true
  private                 = true
}
