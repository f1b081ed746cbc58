/** The file that marks a folder as written by `aksguard snapshot` (its own module: finding one loads no reader). */
export const SNAPSHOT_MANIFEST = 'aksguard-snapshot.json';
