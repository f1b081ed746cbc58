module "aks" {
  source         = "./modules/aks"
  admin_password = "P@ssw0rd-in-caller-1"
}
