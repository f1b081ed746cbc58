module "aks" {
  source         = "./modules/aks"
  name           = "aks1"
  network_policy = var.policy
}
variable "policy" {
  type = string
}
