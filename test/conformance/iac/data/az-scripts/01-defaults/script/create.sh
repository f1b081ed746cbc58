az group create -n rg -l westeurope
az aks create -g rg -n aks1 --generate-ssh-keys
