import {
  closeSync,
  type Dirent,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { SkippedInput } from '../model/coverage.js';
import type { LoadIssue } from '../model/inventory.js';
import { scriptSyntaxOf } from './aks/azScripts.js';
import { globToRegExp, matchesAny } from './glob.js';

export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const TERRAFORM_EXTENSIONS = new Set(['.tf', '.tfvars']);
/** Formats found while walking that may define a cluster or workloads but are not read: listed in the coverage. */
const UNREAD_FORMATS: Record<string, string> = {
  '.bicep': 'Bicep is not read yet; compile it with `az bicep build` and scan the ARM JSON',
  '.bicepparam': 'Bicep parameters are not read yet',
};

/** `script`: shell, PowerShell and Makefile texts read for `az aks` command lines. */
export type InputKind = 'manifest' | 'terraform' | 'script';

export interface InputFile {
  /** Path as reported: relative to the working directory when inside it, `<stdin>` for standard input. */
  file: string;
  kind: InputKind;
  text: string;
  /** Given on the command line (not found by walking a folder). */
  explicit: boolean;
  /** The real path of the folder the file was reached in: a Terraform file belongs to that folder's module. */
  directory?: string;
}

export interface ReadOptions {
  paths: readonly string[];
  exclude?: readonly string[];
  cwd: string;
  maxFileSize?: number;
  readStdin?: () => Promise<string>;
}

export interface ReadResult {
  files: InputFile[];
  issues: LoadIssue[];
  /** Files found in folders that may matter but are not read (for the report's coverage). */
  skipped: SkippedInput[];
}

export function inputKindOf(path: string): InputKind | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.tfvars.json')) return 'terraform';
  const extension = extname(lower);
  if (MANIFEST_EXTENSIONS.has(extension)) return 'manifest';
  if (TERRAFORM_EXTENSIONS.has(extension)) return 'terraform';
  if (scriptSyntaxOf(path) !== undefined) return 'script';
  return undefined;
}

/**
 * Reads every input: files, folders (recursively, `.yaml`/`.yml`/`.json` and Terraform files, skipping `.git` and
 * `node_modules`), and `-` for standard input. Bounded against hostile input: a size limit per file, binary
 * files refused, symbolic-link loops detected. Problems become issues; the other files are still read.
 */
export async function readInputs(options: ReadOptions): Promise<ReadResult> {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const excludes = (options.exclude ?? []).map(globToRegExp);
  const files: InputFile[] = [];
  const issues: LoadIssue[] = [];
  const skipped: SkippedInput[] = [];
  const seenFiles = new Set<string>();
  const display = (absolute: string): string => {
    const rel = relative(options.cwd, absolute);
    // Relative even outside the working directory (DESIGN §5); absolute only across drives.
    return rel === '' ? '.' : isAbsolute(rel) ? absolute : rel;
  };

  // Files are found first, in a stable order, then read.
  const candidates: { absolute: string; explicit: boolean; stdin?: string }[] = [];

  const walk = (directory: string, ancestors: Set<string>): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      issues.push({ level: 'error', file: display(directory), message: describeFsError(error) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (excludes.length > 0 && matchesAny(display(path), excludes)) continue;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(path);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          issues.push({ level: 'error', file: display(path), message: describeFsError(error) });
          continue;
        }
      }
      if (isDirectory) {
        if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
        let real: string;
        try {
          real = realpathSync(path);
        } catch (error) {
          issues.push({ level: 'error', file: display(path), message: describeFsError(error) });
          continue;
        }
        if (ancestors.has(real)) {
          issues.push({
            level: 'error',
            file: display(path),
            message: 'symbolic link loop: this folder links back to one of its parents; not followed',
          });
          continue;
        }
        walk(path, new Set([...ancestors, real]));
      } else if (isFile && inputKindOf(entry.name) !== undefined) {
        candidates.push({ absolute: path, explicit: false });
      } else if (isFile) {
        const reason = UNREAD_FORMATS[extname(entry.name).toLowerCase()];
        if (reason)
          skipped.push({ path: display(path), category: 'unsupported-format', reason, significant: true });
      }
    }
  };

  for (const path of options.paths) {
    if (path === '-') {
      if (!options.readStdin) {
        issues.push({ level: 'error', file: '<stdin>', message: 'standard input is not available' });
        continue;
      }
      const text = await options.readStdin();
      if (Buffer.byteLength(text) > maxFileSize) {
        issues.push({
          level: 'error',
          file: '<stdin>',
          message: tooLarge(Buffer.byteLength(text), maxFileSize),
        });
        continue;
      }
      files.push({ file: '<stdin>', kind: 'manifest', text, explicit: true });
      continue;
    }
    const absolute = resolve(options.cwd, path);
    let info: Stats;
    try {
      info = statSync(absolute);
    } catch (error) {
      issues.push({ level: 'error', file: path, message: describeFsError(error) });
      continue;
    }
    if (info.isDirectory()) {
      const real = realpathSync(absolute);
      walk(absolute, new Set([real]));
    } else {
      candidates.push({ absolute, explicit: true });
    }
  }

  // Synchronous reads: on many small files they are an order of magnitude faster than fs/promises.
  for (const candidate of candidates) {
    if (candidate.stdin !== undefined) {
      files.push({ file: '<stdin>', kind: 'manifest', text: candidate.stdin, explicit: true });
      continue;
    }
    const shown = display(candidate.absolute);
    let real: string;
    try {
      real = realpathSync(candidate.absolute);
    } catch (error) {
      issues.push({ level: 'error', file: shown, message: describeFsError(error) });
      continue;
    }
    const kind = inputKindOf(candidate.absolute) ?? 'manifest';
    // The same file reached twice (given twice, or through a link) is read once. A Terraform file is part of
    // the module of the folder it sits in, so a link to it from another folder is that folder's own file
    // (`modules/x/variables.tf -> ../../variables.tf`): Terraform files are told apart by real folder and name.
    let directory: string | undefined;
    let key = real;
    if (kind === 'terraform') {
      try {
        directory = realpathSync(dirname(candidate.absolute));
        key = join(directory, basename(candidate.absolute));
      } catch {
        directory = undefined;
      }
    }
    if (seenFiles.has(key)) continue;
    seenFiles.add(key);
    const result = readBounded(real, maxFileSize);
    if ('error' in result) issues.push({ level: 'error', file: shown, message: result.error });
    else
      files.push({
        file: shown,
        kind,
        text: result.text,
        explicit: candidate.explicit,
        ...(directory ? { directory } : {}),
      });
  }
  return { files, issues, skipped };
}

export function readBounded(path: string, maxFileSize: number): { text: string } | { error: string } {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, 'r');
    const info = fstatSync(descriptor);
    if (!info.isFile()) return { error: 'not a regular file' };
    if (info.size > maxFileSize) return { error: tooLarge(info.size, maxFileSize) };
    // Read at most one byte past the limit, in case the file grew since stat.
    const buffer = Buffer.alloc(Math.min(info.size, maxFileSize) + 1);
    let bytesRead = 0;
    for (;;) {
      const count = readSync(descriptor, buffer, bytesRead, buffer.length - bytesRead, bytesRead);
      if (count === 0) break;
      bytesRead += count;
      if (bytesRead >= buffer.length) break;
    }
    if (bytesRead > maxFileSize) return { error: tooLarge(bytesRead, maxFileSize) };
    const bytes = buffer.subarray(0, bytesRead);
    if (looksBinary(bytes))
      return { error: 'binary file (contains NUL bytes or is not UTF-8 text); skipped' };
    let text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch (error) {
    return { error: describeFsError(error) };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return true;
  // UTF-16 byte-order marks: text, but not a format kubectl reads.
  if (
    sample.length >= 2 &&
    ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff))
  )
    return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

function tooLarge(size: number, limit: number): string {
  return `file is ${formatBytes(size)}, over the ${formatBytes(limit)} limit (raise it with --max-file-size); skipped`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop: too many levels of symbolic links';
    case 'EISDIR':
      return 'is a folder';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
