module "aks" {
  source = "./modules/aks"
  api = {
    ranges  = ["0.0.0.0/0"]
    private = false
  }
}
