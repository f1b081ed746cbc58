az aks create -g rg -n aks1 --network-plugin azure --windows-admin-username azureuser --windows-admin-password "$WINDOWS_PASSWORD"
az aks nodepool add -g rg --cluster-name aks1 -n win1 --os-type Windows --os-sku Windows2022
az aks nodepool add -g rg --cluster-name aks1 -n pub --enable-node-public-ip
