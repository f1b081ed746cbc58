#!/usr/bin/env bash
set -euo pipefail
az aks create \
  --resource-group rg \
  --name aks1 \
  --tier standard \
  --network-plugin azure \
  --network-plugin-mode overlay \
  --network-dataplane cilium \
  --network-policy cilium \
  --enable-aad \
  --enable-azure-rbac \
  --aad-admin-group-object-ids 33333333-3333-3333-3333-333333333333 \
  --disable-local-accounts \
  --enable-private-cluster \
  --disable-public-fqdn \
  --enable-workload-identity \
  --enable-oidc-issuer \
  --enable-defender \
  --enable-image-cleaner \
  --enable-addons monitoring,azure-policy,azure-keyvault-secrets-provider \
  --enable-secret-rotation \
  --auto-upgrade-channel stable \
  --node-os-upgrade-channel SecurityPatch \
  --enable-encryption-at-host \
  --node-osdisk-type Ephemeral \
  --os-sku AzureLinux \
  --ssh-access disabled \
  --outbound-type userDefinedRouting
