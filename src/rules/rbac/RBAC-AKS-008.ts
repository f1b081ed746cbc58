import { grantRule, LEAST_PRIVILEGE_FIX } from './support.js';

export default grantRule({
  id: 'RBAC-AKS-008',
  title: 'Subject can exempt pods from AAD Pod Identity (AzurePodIdentityException)',
  description:
    "With the deprecated AAD Pod Identity add-on, an AzurePodIdentityException lets matching pods reach the instance metadata service (IMDS) directly: they get tokens of the node's managed identity (kubelet identity), and with local accounts enabled that identity can often fetch cluster-admin credentials. Writing these exceptions is therefore a path to the node identity.",
  severity: 'high',
  refs: ['IceKube AZURE_POD_IDENTITY_EXCEPTION', 'AKS: pod-managed identity (deprecated)'],
  fix: {
    ...LEAST_PRIVILEGE_FIX,
    az: 'Migrate to Microsoft Entra Workload ID and remove the pod identity add-on: az aks pod-identity ... / az aks update --disable-pod-identity',
  },
  requests: () =>
    ['create', 'update', 'patch'].map((verb) => [
      { verb, apiGroup: 'aadpodidentity.k8s.io', resource: 'azurepodidentityexceptions' },
    ]),
  what: 'write AzurePodIdentityExceptions (IMDS access as the node identity)',
});
