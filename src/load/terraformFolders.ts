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
  return {
    resolve(fromDirectory, source) {
      try {
        const path = realpathSync(resolve(cwd, fromDirectory, source));
        return statSync(path).isDirectory() ? path : undefined;
      } catch {
        return undefined;
      }
    },
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
