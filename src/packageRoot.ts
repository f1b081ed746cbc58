import { existsSync } from 'node:fs';

/**
 * The package's root folder (package.json, docs/): the first folder upwards from this module holding a
 * package.json. The module sits in src/, dist/, or the CLI bundle in dist/cli/, so no fixed `../` fits all three.
 */
export const PACKAGE_ROOT: URL = findRoot(new URL('./', import.meta.url));

function findRoot(from: URL): URL {
  for (let folder = from; ; folder = new URL('../', folder)) {
    if (existsSync(new URL('package.json', folder))) return folder;
    if (folder.pathname === '/' || new URL('../', folder).href === folder.href)
      throw new Error(`aksguard: no package.json above ${from.pathname}`);
  }
}
