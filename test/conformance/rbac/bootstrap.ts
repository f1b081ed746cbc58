import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { RbacEngine } from '../../../src/engines/rbac/engine.js';

const DATA = join(dirname(fileURLToPath(import.meta.url)), 'data', 'bootstrap');

export const BOOTSTRAP_FILES = [
  'cluster-roles.yaml',
  'cluster-role-bindings.yaml',
  'controller-roles.yaml',
  'controller-role-bindings.yaml',
  'namespace-roles.yaml',
  'namespace-role-bindings.yaml',
] as const;

export type RawObject = Record<string, unknown>;

/** The bootstrap policy's objects, in file order (each file is one v1 List). */
export function bootstrapObjects(files: readonly string[] = BOOTSTRAP_FILES): RawObject[] {
  const out: RawObject[] = [];
  for (const file of files) {
    const list = parse(readFileSync(join(DATA, file), 'utf8')) as { items: RawObject[] };
    out.push(...list.items);
  }
  return out;
}

export function bootstrapEngine(extra: RawObject[] = []): RbacEngine<{ raw: RawObject }> {
  return RbacEngine.fromObjects([...bootstrapObjects(), ...extra].map((raw) => ({ raw })));
}
