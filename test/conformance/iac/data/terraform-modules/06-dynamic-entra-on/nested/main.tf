module "aks" {
  source     = "./modules/aks"
  entra      = true
  azure_rbac = true
}
