import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Finding } from '../../../src/model/finding.js';
import { scan } from '../../../src/scan.js';
import { tempTree } from '../../support/tempTree.js';

/**
 * The precision corpus: realistic inputs (public reference architectures vendored with their licence and
 * provenance, and self-written ones), each with the complete list of findings a platform engineer agrees with
 * and the rules that must not fire. See README.md beside this file.
 */
export const HERE = dirname(fileURLToPath(import.meta.url));
const AKS_CORPUS = join(HERE, '..', 'aks', 'data', 'corpus.json');

export interface ExpectedFinding {
  rule: string;
  /** `Kind namespace/name` or `Kind name`, as findings name resources. */
  resource: string;
  /** `file:line`, the file relative to the case's root. */
  at: string;
  /** The reviewer's verdict: why a platform engineer agrees (or what makes it debatable). */
  review: string;
}

export interface PrecisionCase {
  name: string;
  description: string;
  /** Files of the case: `from` a path under this folder (file or folder) or `corpus:<path>` of the AKS corpus. */
  input: { from: string; to: string }[];
  /** Namespace of objects that name none (`kubectl apply -n`). */
  namespace?: string;
  /** `--cluster FILE` arguments, relative to the case root. */
  clusterFiles?: string[];
  findings: ExpectedFinding[];
  /** Rules that must not fire on this input, not even among folded findings (`--no-fold`). */
  mustNotFire: string[];
}

export function loadCases(): PrecisionCase[] {
  const folder = join(HERE, 'expected');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({
      name: name.slice(0, -5),
      ...(parse(readFileSync(join(folder, name), 'utf8')) as object),
    }))
    .map((entry) => {
      const spec = entry as PrecisionCase;
      return { ...spec, findings: spec.findings ?? [], mustNotFire: spec.mustNotFire ?? [] };
    });
}

let corpus: Record<string, string> | undefined;

function filesOf(spec: PrecisionCase): Record<string, string> {
  const files: Record<string, string> = {};
  for (const { from, to } of spec.input) {
    if (from.startsWith('corpus:')) {
      corpus ??= JSON.parse(readFileSync(AKS_CORPUS, 'utf8')) as Record<string, string>;
      const text = corpus[from.slice('corpus:'.length)];
      if (text === undefined) throw new Error(`${spec.name}: ${from} is not in the AKS corpus`);
      files[to] = text;
      continue;
    }
    const source = join(HERE, from);
    if (statSync(source).isDirectory()) {
      const walk = (directory: string) => {
        for (const entry of readdirSync(directory, { withFileTypes: true })) {
          const path = join(directory, entry.name);
          if (entry.isDirectory()) walk(path);
          else files[join(to, relative(source, path))] = readFileSync(path, 'utf8');
        }
      };
      walk(source);
    } else {
      files[to] = readFileSync(source, 'utf8');
    }
  }
  return files;
}

export function describe(finding: Finding): { rule: string; resource: string; at: string } {
  const resource = `${finding.resource.kind} ${finding.resource.namespace ? `${finding.resource.namespace}/` : ''}${finding.resource.name}`;
  return {
    rule: finding.ruleId,
    resource,
    at: `${finding.location?.file ?? '?'}:${finding.location?.line ?? '?'}`,
  };
}

/** Scans the case as a user would (`aksguard scan .` at its root), folded and unfolded. */
export async function runCase(spec: PrecisionCase): Promise<{ folded: Finding[]; unfolded: Finding[] }> {
  const files = filesOf(spec);
  const tree = tempTree(files);
  try {
    const options = {
      paths: ['.'],
      cwd: tree.dir,
      config: '.aksguard.yaml' in files ? '.aksguard.yaml' : (false as const),
      today: '2026-09-01',
      ...(spec.namespace ? { settings: { defaultNamespace: spec.namespace } } : {}),
      ...(spec.clusterFiles ? { clusterFiles: spec.clusterFiles } : {}),
    };
    const folded = await scan(options);
    const unfolded = await scan({ ...options, fold: false });
    if (folded.errors.length > 0)
      throw new Error(`${spec.name}: input errors ${JSON.stringify(folded.errors.slice(0, 3))}`);
    return { folded: folded.findings, unfolded: unfolded.findings };
  } finally {
    tree.cleanup();
  }
}
