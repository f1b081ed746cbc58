/**
 * @monokle/validation's pod-security-standards plugin at `restricted` as a whole process, for the whole-process
 * comparison with `aksguard pss check`: reads every YAML file under the given folder, validates, prints the number
 * of flagged resources. Plain JavaScript (no TypeScript loader), so its start-up is not charged extra. Offline: the
 * plugin is bundled and `fetch` fails loudly (see monokle.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractK8sResources } from '@monokle/parser';
import {
  DefaultPluginLoader,
  DisabledFixer,
  MonokleValidator,
  ResourceParser,
  SchemaLoader,
} from '@monokle/validation';

globalThis.fetch = async (url) => {
  throw new Error(`network access blocked in the benchmark: ${String(url)}`);
};
const RESTRICTED_RULES = [
  'volume-types',
  'privilege-escalation',
  'running-as-non-root',
  'running-as-non-root-user',
  'seccomp-strict',
  'capabilities-strict',
];
const directory = process.argv[2];
const files = readdirSync(directory)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => ({ id: name, path: name, content: readFileSync(join(directory, name), 'utf8') }));
const validator = new MonokleValidator({
  loader: new DefaultPluginLoader(),
  parser: new ResourceParser(),
  schemaLoader: new SchemaLoader(),
  suppressors: [],
  fixer: new DisabledFixer(),
});
const rules = {};
for (const rule of RESTRICTED_RULES) rules[`pod-security-standards/${rule}`] = true;
await validator.preload({ plugins: { 'pod-security-standards': true }, rules });
const sarif = await validator.validate({ resources: extractK8sResources(files) });
const flagged = new Set();
for (const result of sarif.runs[0]?.results ?? []) {
  const path = result.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
  const resource = result.locations
    ?.flatMap((l) => l.logicalLocations ?? [])
    .find((l) => l.kind === 'resource');
  flagged.add(`${path}#${resource?.name ?? ''}`);
}
console.log(`${flagged.size} resources flagged`);
