az aks create -g rg -n aks1 --enable-addons http_application_routing,kube-dashboard --kubernetes-version 1.27.3
