import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CHECK_IDS, type CheckId, type Level } from '../../../src/engines/pss/index.js';

export interface Fixture {
  level: Exclude<Level, 'privileged'>;
  minor: number;
  expect: 'pass' | 'fail';
  /** File stem, e.g. `capabilities_restricted2`. */
  name: string;
  /** The check the file is named after (undefined for `base`, `base_linux`, `base_windows`). */
  target: CheckId | undefined;
  /** Index of the distinct content. */
  content: number;
}

interface FixtureFile {
  files: number;
  contents: string[];
  folders: Record<string, [string, number][]>;
}

const BY_LOWER_CASE = new Map(CHECK_IDS.map((id) => [id.toLowerCase(), id]));

/** Upstream names fixtures `strings.ToLower(checkID) + index`. */
export function targetOf(name: string): CheckId | undefined {
  return BY_LOWER_CASE.get(name.replace(/\d+$/, ''));
}

export function loadFixtures(): {
  fixtures: Fixture[];
  texts: string[];
  pods: Record<string, unknown>[];
  files: number;
} {
  const data = JSON.parse(
    readFileSync(new URL('./data/fixtures.json', import.meta.url), 'utf8'),
  ) as FixtureFile;
  const fixtures: Fixture[] = [];
  for (const [folder, entries] of Object.entries(data.folders)) {
    const [level, version, expect] = folder.split('/') as [Fixture['level'], string, Fixture['expect']];
    const minor = Number(version.replace(/^v1\./, ''));
    for (const [name, content] of entries) {
      fixtures.push({ level, minor, expect, name, target: targetOf(name), content });
    }
  }
  const pods = data.contents.map((text) => parse(text) as Record<string, unknown>);
  return { fixtures, texts: data.contents, pods, files: data.files };
}
