/** Small cluster documents for the AKS rule tests; lines are computed from the text, never hard-coded by hand. */

/** 1-based line of the `nth` occurrence of `needle`. */
export function lineOf(text: string, needle: string, nth = 1): number {
  let index = -1;
  for (let i = 0; i < nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" not found ${nth} time(s) in the fixture`);
  }
  return text.slice(0, index).split('\n').length;
}

/** An `azurerm_kubernetes_cluster` named aks1 with one default node pool; `inner` goes inside the resource. */
export function tfCluster(inner = '', pool = ''): string {
  return `resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks1"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "aks1"
${inner}
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
${pool}
  }

  identity {
    type = "SystemAssigned"
  }
}
`;
}

/** An `az aks show -o json` document of cluster aks1 (flat, camelCase), with `fields` merged at the top. */
export function azCluster(fields: Record<string, unknown> = {}, pool: Record<string, unknown> = {}): string {
  const body = {
    name: 'aks1',
    id: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1',
    type: 'Microsoft.ContainerService/ManagedClusters',
    location: 'westeurope',
    kubernetesVersion: '1.33.2',
    dnsPrefix: 'aks1',
    enableRbac: true,
    agentPoolProfiles: [
      { name: 'system', mode: 'System', osType: 'Linux', count: 3, vmSize: 'Standard_D4s_v5', ...pool },
    ],
    ...fields,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** An ARM resource (REST GET shape, `properties` nested) of cluster aks1. */
export function armCluster(
  properties: Record<string, unknown> = {},
  top: Record<string, unknown> = {},
): string {
  const body = {
    id: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1',
    name: 'aks1',
    type: 'Microsoft.ContainerService/ManagedClusters',
    location: 'westeurope',
    identity: { type: 'SystemAssigned' },
    ...top,
    properties: {
      kubernetesVersion: '1.33.2',
      dnsPrefix: 'aks1',
      enableRBAC: true,
      agentPoolProfiles: [
        { name: 'system', mode: 'System', osType: 'Linux', count: 3, vmSize: 'Standard_D4s_v5' },
      ],
      ...properties,
    },
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
