variable "name" {}
variable "network_policy" {
  default = null
}
variable "local_accounts_disabled" {
  default = false
}
variable "private" {
  default = false
}
