import { readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { TextFile } from './aks/index.js';
import type { ModuleReader } from './aks/terraform.js';
import { readBounded } from './files.js';

/**
 * Local Terraform module folders (`source = "../modules/aks"`): a folder is known by its real path, and when it
 * was not among the scanned inputs its `.tf` files are read from disk, bounded like every other input.
 */
export function terraformModuleReader(cwd: string, maxFileSize: number): ModuleReader {
  const manifests = new Map<string, Map<string, string>>();
  const folder = (fromDirectory: string, source: string): string | undefined => {
    try {
      const path = realpathSync(resolve(cwd, fromDirectory, source));
      return statSync(path).isDirectory() ? path : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    installed(rootDirectory, moduleKey) {
      let manifest = manifests.get(rootDirectory);
      if (!manifest) {
        manifest = installedModules(resolve(cwd, rootDirectory), maxFileSize);
        manifests.set(rootDirectory, manifest);
      }
      const directory = manifest.get(moduleKey);
      return directory === undefined ? undefined : folder(rootDirectory, directory);
    },
    resolve: folder,
    read(directory) {
      const files: TextFile[] = [];
      let names: string[];
      try {
        names = readdirSync(directory)
          .filter((name) => name.endsWith('.tf'))
          .sort();
      } catch {
        return [];
      }
      for (const name of names) {
        const absolute = join(directory, name);
        const result = readBounded(absolute, maxFileSize);
        if ('error' in result) continue;
        const shown = relative(cwd, absolute);
        files.push({ file: isAbsolute(shown) ? absolute : shown, text: result.text, directory });
      }
      return files;
    },
  };
}

/** `.terraform/modules/modules.json` (written by `terraform init`): module call path → installed folder. */
function installedModules(root: string, maxFileSize: number): Map<string, string> {
  const byKey = new Map<string, string>();
  const read = readBounded(join(root, '.terraform', 'modules', 'modules.json'), maxFileSize);
  if ('error' in read) return byKey;
  try {
    const manifest = JSON.parse(read.text) as { Modules?: { Key?: unknown; Dir?: unknown }[] };
    for (const entry of manifest.Modules ?? [])
      if (typeof entry.Key === 'string' && typeof entry.Dir === 'string' && entry.Key !== '')
        byKey.set(entry.Key, entry.Dir);
  } catch {
    // An unreadable manifest: the remote modules are listed as not analysed.
  }
  return byKey;
}
