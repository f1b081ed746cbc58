CLUSTER=aks1
az aks create -g rg -n "$CLUSTER" --network-plugin azure --network-policy azure
az aks update -g rg -n "$CLUSTER" --enable-aad --enable-azure-rbac
az aks update -g rg -n "$CLUSTER" --disable-local-accounts
az aks update -g rg -n "$CLUSTER" --api-server-authorized-ip-ranges 203.0.113.0/24
