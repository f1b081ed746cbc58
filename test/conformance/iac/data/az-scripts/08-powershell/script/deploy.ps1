$rg = "rg"
az aks create `
  --resource-group $rg `
  --name aks1 `
  --enable-aad `
  --disable-local-accounts `
  --network-plugin azure `
  --network-policy azure
