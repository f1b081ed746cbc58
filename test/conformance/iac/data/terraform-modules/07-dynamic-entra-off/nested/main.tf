module "aks" {
  source     = "./modules/aks"
  entra      = false
  azure_rbac = false
}
