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
