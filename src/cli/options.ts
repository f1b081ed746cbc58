import { isSeverity, type Severity } from '../model/severity.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../report/format.js';
import { UsageError } from './io.js';

/** `-o` value, or the default: a table on a terminal, JSON for programs (DESIGN §7). */
export function outputFormat(value: string | undefined, stdoutIsTTY: boolean): OutputFormat {
  if (value === undefined) return stdoutIsTTY ? 'table' : 'json';
  const format = value.toLowerCase() === 'md' ? 'markdown' : value.toLowerCase();
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`unknown output format "${value}" (use ${OUTPUT_FORMATS.join(', ')})`);
  return format as OutputFormat;
}

export function severityThreshold(value: string, flag: string): Severity | 'none' {
  const lower = value.toLowerCase();
  if (lower === 'none' || isSeverity(lower)) return lower as Severity | 'none';
  throw new UsageError(`${flag} must be critical, high, medium, low, info or none (got "${value}")`);
}

/** `20971520`, `20MB`, `20MiB`, `512k`. */
export function byteSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(value.trim());
  if (!match) throw new UsageError(`--max-file-size must be a size like 20MiB (got "${value}")`);
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(Number(match[1]) * factor);
}

/** `--max-documents`: a positive whole number. */
export function documentCount(value: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(value.trim()))
    throw new UsageError(`--max-documents must be a positive whole number (got "${value}")`);
  return Number(value.trim());
}

/** Commander collector for repeatable options. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
