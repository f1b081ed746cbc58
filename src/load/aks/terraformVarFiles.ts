import type { TextFile } from './terraform.js';

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/**
 * The variable-definition files Terraform loads for a root module, in its order of precedence (later wins):
 * `terraform.tfvars`, `terraform.tfvars.json`, then `*.auto.tfvars` and `*.auto.tfvars.json` in lexical order
 * of their file names, then each `-var-file` in the order given
 * (developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence).
 * Other tfvars files in the folder are `ignored`: Terraform reads them only when named with `-var-file`.
 */
export function orderedVarFiles(
  inFolder: readonly TextFile[],
  named: readonly TextFile[],
): { loaded: TextFile[]; ignored: TextFile[] } {
  const namedSet = new Set(named.map((file) => file.file));
  const byName = (name: string) => inFolder.filter((file) => baseName(file.file) === name);
  const auto = inFolder
    .filter((file) => /\.auto\.tfvars(\.json)?$/.test(baseName(file.file)))
    .sort((a, b) => (baseName(a.file) < baseName(b.file) ? -1 : baseName(a.file) > baseName(b.file) ? 1 : 0));
  const automatic = [...byName('terraform.tfvars'), ...byName('terraform.tfvars.json'), ...auto];
  const loaded = [...automatic.filter((file) => !namedSet.has(file.file)), ...named];
  const loadedSet = new Set(loaded.map((file) => file.file));
  return { loaded, ignored: inFolder.filter((file) => !loadedSet.has(file.file)) };
}
