import { existsSync, readFileSync } from 'node:fs';
import { PACKAGE_ROOT } from '../packageRoot.js';

/** Where the rule pages live: `docs/rules/<ID>.md`, shipped in the package. */
export const DOCS_DIRECTORY = new URL('docs/rules/', PACKAGE_ROOT);

export function docsPath(ruleId: string): URL {
  return new URL(`${ruleId}.md`, DOCS_DIRECTORY);
}

export function readRuleDoc(ruleId: string): string | undefined {
  const path = docsPath(ruleId);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export interface DocExample {
  /** `incorrect` (❌, must produce a finding) or `correct` (✅, must produce none). */
  expect: 'incorrect' | 'correct';
  /** File name → text; blocks with the same `group=N` form one example. */
  files: Record<string, string>;
  /** Line of the (first) fence in the page, for error messages. */
  line: number;
  /** Scan settings for this example, from `settings={...}` (JSON without spaces) in the fence info. */
  settings?: Record<string, unknown>;
}

const FILE_NAME_BY_LANGUAGE: Record<string, string> = {
  yaml: 'example.yaml',
  yml: 'example.yaml',
  json: 'example.json',
  hcl: 'main.tf',
  terraform: 'main.tf',
  tf: 'main.tf',
};

/**
 * Extracts the runnable examples of a rule page: fenced blocks under a `### ❌ Incorrect` or `### ✅ Correct`
 * heading. The fence language names the file; `file=NAME` overrides it; `group=N` joins blocks into one example;
 * `settings={"key":"value"}` sets scan settings for the example (file settings are read from the example's folder).
 */
export function examplesOf(markdown: string): DocExample[] {
  const lines = markdown.split('\n');
  const examples: DocExample[] = [];
  const groups = new Map<string, DocExample>();
  let section: DocExample['expect'] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = /^#{2,4}\s+(.*)$/.exec(line);
    if (heading) {
      const title = heading[1]!;
      section = title.includes('❌') ? 'incorrect' : title.includes('✅') ? 'correct' : undefined;
      continue;
    }
    const fence = /^(```+)\s*(\S*)\s*(.*)$/.exec(line);
    if (!fence) continue;
    const marker = fence[1]!;
    const language = fence[2]!.toLowerCase();
    const info = fence[3]!;
    const body: string[] = [];
    const start = i + 1;
    for (i++; i < lines.length && !lines[i]!.startsWith(marker); i++) body.push(lines[i]!);
    if (!section) continue;
    const fileName = /(?:^|\s)file=(\S+)/.exec(info)?.[1] ?? FILE_NAME_BY_LANGUAGE[language];
    if (!fileName) continue;
    const group = /(?:^|\s)group=(\S+)/.exec(info)?.[1];
    const settingsText = /(?:^|\s)settings=(\S+)/.exec(info)?.[1];
    const settings = settingsText ? (JSON.parse(settingsText) as Record<string, unknown>) : undefined;
    const text = `${body.join('\n')}\n`;
    if (group) {
      const key = `${section}:${group}`;
      const existing = groups.get(key);
      if (existing) {
        existing.files[fileName] = text;
        if (settings) existing.settings = { ...existing.settings, ...settings };
        continue;
      }
      const example: DocExample = { expect: section, files: { [fileName]: text }, line: start };
      if (settings) example.settings = settings;
      groups.set(key, example);
      examples.push(example);
    } else {
      examples.push({
        expect: section,
        files: { [fileName]: text },
        line: start,
        ...(settings ? { settings } : {}),
      });
    }
  }
  return examples;
}
