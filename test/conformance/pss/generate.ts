/**
 * Regenerates `data/fixtures.json` from the upstream Pod Security fixtures
 * (`test/testdata/<level>/v1.<minor>/<pass|fail>/<name>.yaml` of kubernetes/pod-security-admission).
 * Usage: node --import tsx test/conformance/pss/generate.ts ../shared/corpora/pss
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const source = process.argv[2];
if (!source) throw new Error('usage: generate.ts <path to test/testdata>');

const contents: string[] = [];
const indexOf = new Map<string, number>();
/** `<level>/v1.<minor>/<pass|fail>` → [name, content index][] */
const folders: Record<string, [string, number][]> = {};
let files = 0;
for (const level of ['baseline', 'restricted']) {
  const versions = readdirSync(join(source, level)).sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
  for (const version of versions) {
    for (const expect of ['pass', 'fail']) {
      const dir = join(source, level, version, expect);
      const entries: [string, number][] = [];
      for (const file of readdirSync(dir).sort()) {
        if (!file.endsWith('.yaml')) continue;
        const text = readFileSync(join(dir, file), 'utf8');
        let index = indexOf.get(text);
        if (index === undefined) {
          index = contents.length;
          contents.push(text);
          indexOf.set(text, index);
        }
        entries.push([file.slice(0, -'.yaml'.length), index]);
        files++;
      }
      folders[`${level}/${version}/${expect}`] = entries;
    }
  }
}
writeFileSync(
  new URL('./data/fixtures.json', import.meta.url),
  `${JSON.stringify({ files, contents, folders })}\n`,
);
console.log(`${files} fixtures, ${contents.length} distinct contents`);
