module "aks" {
  source    = "./modules/aks"
  public_ip = true
  os_type   = "Windows"
}
