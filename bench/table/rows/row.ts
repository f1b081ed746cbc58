import { join } from 'node:path';
import { FIXTURES } from '../../fixtures.js';

export interface TableContext {
  /** Runs per measurement (≥ 3). */
  runs: number;
  /** A folder removed after the table. */
  scratch: string;
  /** Fixture folders written so far, by fixture name. */
  fixtures: Map<string, { directory: string; objects: number }>;
}

/** One row of the table: what is measured, the goal, and the measurement (text for the "measured" column). */
export interface Row {
  /** Short name, for `npm run bench table -- ID...`. */
  id: string;
  work: string;
  goal: string;
  measure(context: TableContext): Promise<string> | string;
}

/** The folder of a `bench/fixtures.ts` set, written once per table. */
export function fixture(context: TableContext, name: string): { directory: string; objects: number } {
  const known = context.fixtures.get(name);
  if (known) return known;
  const write = FIXTURES[name];
  if (!write) throw new Error(`unknown fixture ${name}`);
  const directory = join(context.scratch, name);
  const written = { directory, objects: write(directory) };
  context.fixtures.set(name, written);
  return written;
}
