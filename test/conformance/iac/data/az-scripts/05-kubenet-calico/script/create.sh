az aks create -g rg -n aks1 --network-plugin kubenet --network-policy calico --generate-ssh-keys
