az aks create -g rg -n aks1 \
  --service-principal 44444444-4444-4444-4444-444444444444 \
  --client-secret 'not-a-real-secret-1234'
