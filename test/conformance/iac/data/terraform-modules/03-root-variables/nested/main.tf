module "aks" {
  source         = "./modules/aks"
  name           = "aks1"
  network_policy = var.policy
  private        = var.private
}
variable "policy" {
  default = "azure"
}
variable "private" {
  default = false
}
