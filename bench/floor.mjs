/**
 * The parse floor: js-yaml `loadAll` of every YAML file under the given paths, in one plain Node process (no
 * positions, no Kubernetes rules). The scan benchmarks divide aksguard's whole-process time by this one's.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';

let documents = 0;
function walk(path) {
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path).sort()) walk(join(path, entry));
  else if (/\.ya?ml$/.test(path)) documents += loadAll(readFileSync(path, 'utf8')).length;
}
for (const path of process.argv.slice(2)) walk(path);
console.log(`${documents} documents`);
