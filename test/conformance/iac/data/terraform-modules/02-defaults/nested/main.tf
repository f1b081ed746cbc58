module "aks" {
  source = "./modules/aks"
  name   = "aks1"
}
