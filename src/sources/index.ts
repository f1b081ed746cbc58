import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type FilesSourceOptions, filesSource } from './files.js';
import { SNAPSHOT_MANIFEST } from './snapshotManifest.js';
import type { Source } from './source.js';

export type { Source, SourceOutput, SourceReadOptions } from './source.js';

/**
 * The sources of command-line paths: a folder written by `aksguard snapshot` is read as that snapshot (identical to
 * the live read it recorded); every other path goes to the files source. No source when there are no paths.
 */
export function pathSources(options: FilesSourceOptions): Source[] {
  const snapshots: string[] = [];
  const files: string[] = [];
  for (const path of options.paths) {
    const absolute = resolve(options.cwd, path);
    if (path !== '-' && isDirectory(absolute) && existsSync(resolve(absolute, SNAPSHOT_MANIFEST)))
      snapshots.push(path);
    else files.push(path);
  }
  const sources: Source[] = snapshots.map((path) => lazySnapshotSource(resolve(options.cwd, path), path));
  if (files.length > 0 || (options.clusterFiles?.length ?? 0) > 0)
    sources.unshift(filesSource({ ...options, paths: files }));
  return sources;
}

/**
 * `snapshotSource(dir, shown)`, its module imported when the source is read: the snapshot reader and the live
 * readers it imports are loaded only when a snapshot is read.
 */
function lazySnapshotSource(dir: string, shown: string): Source {
  return {
    name: `snapshot ${shown}`,
    async read(options) {
      const { snapshotSource } = await import('./snapshot.js');
      return snapshotSource(dir, shown).read(options);
    },
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
