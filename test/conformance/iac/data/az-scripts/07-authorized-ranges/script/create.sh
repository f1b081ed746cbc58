az aks create -g rg -n aks1 --api-server-authorized-ip-ranges 0.0.0.0/0
