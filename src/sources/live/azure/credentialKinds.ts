/** The Azure credentials `--azure-credential` names (kept apart from `credential.ts`, which loads @azure/identity). */
export const AZURE_CREDENTIALS = ['default', 'cli', 'msi', 'workload', 'env'] as const;
export type AzureCredentialKind = (typeof AZURE_CREDENTIALS)[number];
