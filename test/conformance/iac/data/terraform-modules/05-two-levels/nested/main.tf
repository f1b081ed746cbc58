module "platform" {
  source         = "./modules/platform"
  network_policy = "cilium"
}
