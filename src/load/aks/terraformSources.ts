/**
 * Module sources as Terraform reads them (developer.hashicorp.com/terraform/language/modules/sources): a local
 * path starts with `./` or `../` (a bare `modules/aks` is a registry address); everything else is fetched.
 */
export function localModuleSource(source: string): string | undefined {
  if (source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..') return source;
  return undefined;
}

/** Why a remote module is not read, and what to do about it. */
export function remoteModuleReason(source: string): string {
  if (/^(git::|github\.com\/|bitbucket\.org\/|git@)/.test(source))
    return 'a Git repository is not fetched; scan a checkout of it with the caller';
  if (/^(https?:|s3::|gcs::|hg::)/.test(source)) return 'an archive or bucket is not fetched';
  return 'a registry module is not fetched; run terraform init (or terraform get) so it is installed under .terraform/modules, then scan again';
}

/**
 * Whether a remote module may deploy an AKS cluster, as the Bicep reader decides for registry modules
 * (bicep/load.ts mayDefineCluster): not an Azure Verified Module of another resource type
 * (`Azure/avm-res-containerregistry-registry/azurerm`), nor a pattern or utility whose name says nothing of AKS;
 * any other module may (its content is unknown).
 */
export function remoteModuleMayDefineCluster(source: string): boolean {
  const avm = /^(?:registry\.terraform\.io\/)?azure\/avm-(res|ptn|utl)-([a-z0-9-]+)\/azurerm$/i.exec(source);
  if (!avm) return true;
  if (avm[1]!.toLowerCase() === 'res') return /^containerservice-/i.test(avm[2]!);
  return /aks|kubernetes|containerservice|managedcluster/i.test(avm[2]!);
}
