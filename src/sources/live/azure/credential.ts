import {
  AzureCliCredential,
  DefaultAzureCredential,
  EnvironmentCredential,
  ManagedIdentityCredential,
  type TokenCredential,
  WorkloadIdentityCredential,
} from '@azure/identity';

import type { AzureCredentialKind } from './credentialKinds.js';

export { AZURE_CREDENTIALS, type AzureCredentialKind } from './credentialKinds.js';

/**
 * The Azure credential to use: `default` is DefaultAzureCredential (environment, workload identity, managed
 * identity, Azure CLI, ... in that order); naming one skips the probing of the others, which is slow where they
 * are absent (a managed-identity probe waits for IMDS to time out on a laptop).
 */
export function azureCredential(kind: AzureCredentialKind = 'default'): TokenCredential {
  switch (kind) {
    case 'cli':
      return new AzureCliCredential();
    case 'msi':
      return new ManagedIdentityCredential();
    case 'workload':
      return new WorkloadIdentityCredential();
    case 'env':
      return new EnvironmentCredential();
    default:
      return new DefaultAzureCredential();
  }
}
