/**
 * The YAML reader alone as a whole process: `readYamlFile` (kubectl's reading, positions, issues; no inventory) of
 * every YAML file under the given paths, in the order `floor.mjs` reads them. Prints the documents read and how many
 * the fast reader took; `--events` reads with the event decoder alone. The issue 16 table divides its CPU by the
 * floor's (`table:yaml`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readYamlFile } from '../dist/load/yaml.js';

const events = process.argv.includes('--events');
const tally = { fast: 0, events: 0 };
function walk(path) {
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path).sort()) walk(join(path, entry));
  else if (/\.ya?ml$/.test(path))
    readYamlFile(
      path,
      readFileSync(path, 'utf8'),
      events ? { reader: 'events', readerTally: tally } : { readerTally: tally },
    );
}
for (const path of process.argv.slice(2)) if (!path.startsWith('--')) walk(path);
console.log(JSON.stringify(tally));
