import { isAscii } from 'node:buffer';
import {
  closeSync,
  createReadStream,
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
import { compareCodePoints } from '../model/order.js';
import { kustomizationFileOf } from '../sources/render/kustomize.js';
import { planRenders, type RenderTarget, targetOfFile } from '../sources/render/plan.js';
import { scriptSyntaxOf } from './aks/azScripts.js';
import { globToRegExp, matchesAny } from './glob.js';

export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const TERRAFORM_EXTENSIONS = new Set(['.tf', '.tfvars']);
const BICEP_EXTENSIONS = new Set(['.bicep', '.bicepparam']);

/** `script`: shell, PowerShell and Makefile texts read for `az aks` command lines. */
export type InputKind = 'manifest' | 'terraform' | 'bicep' | 'script';

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

/**
 * Reads standard input: at most `maxBytes` + 1 bytes (the reader stops there, so a flood is never held in memory),
 * as bytes (decoded like a file) or as text.
 */
export type StdinReader = (maxBytes: number) => Promise<string | Uint8Array>;

export interface ReadOptions {
  paths: readonly string[];
  exclude?: readonly string[];
  cwd: string;
  maxFileSize?: number;
  readStdin?: StdinReader;
}

export interface ReadResult {
  files: InputFile[];
  issues: LoadIssue[];
  /** Files found in folders that may matter but are not read (for the report's coverage). */
  skipped: SkippedInput[];
  /**
   * Helm charts and Kustomize overlays found, to be rendered instead of read: a chart's folder is not walked, and
   * the files a kustomization reads are not read raw (`sources/render/plan.ts`).
   */
  renderTargets: RenderTarget[];
}

/** A path as reported: relative to the working directory, even outside it (DESIGN §5); absolute only across drives. */
export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return rel === '' ? '.' : isAbsolute(rel) ? absolute : rel;
}

export function inputKindOf(path: string): InputKind | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.tfvars.json')) return 'terraform';
  const extension = extname(lower);
  if (MANIFEST_EXTENSIONS.has(extension)) return 'manifest';
  if (TERRAFORM_EXTENSIONS.has(extension)) return 'terraform';
  if (BICEP_EXTENSIONS.has(extension)) return 'bicep';
  if (scriptSyntaxOf(path) !== undefined) return 'script';
  return undefined;
}

/**
 * Reads every input: files, folders (recursively, `.yaml`/`.yml`/`.json`, Terraform and Bicep files, skipping `.git` and
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
  const display = (absolute: string): string => displayPath(options.cwd, absolute);

  // Files are found first, in a stable order, then read.
  const candidates: { absolute: string; explicit: boolean; pipe?: boolean }[] = [];
  const foundTargets: RenderTarget[] = [];

  const walk = (directory: string, ancestors: Set<string>): void => {
    // A chart is rendered, never read file by file; a kustomization folder is also walked (for what it does not list).
    if (isFileSync(join(directory, 'Chart.yaml'))) {
      foundTargets.push({ kind: 'helm', folder: directory });
      return;
    }
    if (kustomizationFileOf(directory)) foundTargets.push({ kind: 'kustomize', folder: directory });
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
      }
    }
  };

  for (const path of options.paths) {
    if (path === '-') {
      if (!options.readStdin) {
        issues.push({ level: 'error', file: '<stdin>', message: 'standard input is not available' });
        continue;
      }
      const input = await options.readStdin(maxFileSize);
      const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
      if (size > maxFileSize) {
        issues.push({ level: 'error', file: '<stdin>', message: tooLargeStream(maxFileSize) });
        continue;
      }
      const decoded = typeof input === 'string' ? { text: input } : decodeText(input);
      if ('error' in decoded) issues.push({ level: 'error', file: '<stdin>', message: decoded.error });
      else files.push({ file: '<stdin>', kind: 'manifest', text: decoded.text, explicit: true });
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
    } else if (info.isFile()) {
      const target = targetOfFile(absolute);
      if (target) foundTargets.push(target);
      else candidates.push({ absolute, explicit: true });
    } else if (isDescriptorPath(path)) {
      // Process substitution (`<(cat pod.yaml)` → /dev/fd/63) and /dev/stdin: an open pipe, read like stdin.
      candidates.push({ absolute, explicit: true, pipe: true });
    } else {
      issues.push({ level: 'error', file: path, message: describeSpecialFile(info) });
    }
  }

  const plan = planRenders(foundTargets, display);
  skipped.push(...plan.skipped);

  // Files in code-point order of their paths (explicit before found), whatever the order of the arguments: the same
  // inputs give the same report byte for byte.
  // Compared folder by folder, which is the order of the sorted walk (`a/b` before `a-b`).
  candidates.sort((a, b) => comparePaths(a.absolute, b.absolute) || Number(b.explicit) - Number(a.explicit));
  // Synchronous reads: on many small files they are an order of magnitude faster than fs/promises.
  for (const candidate of candidates) {
    if (candidate.pipe) {
      const shown = candidate.absolute;
      const bytes = await readPipe(candidate.absolute, maxFileSize);
      if ('error' in bytes) {
        issues.push({ level: 'error', file: shown, message: bytes.error });
        continue;
      }
      const decoded = decodeText(bytes.bytes);
      if ('error' in decoded) issues.push({ level: 'error', file: shown, message: decoded.error });
      else files.push({ file: shown, kind: 'manifest', text: decoded.text, explicit: true });
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
    // A kustomization's files are read through it.
    if (seenFiles.has(key) || (!candidate.explicit && plan.consumedFiles.has(real))) continue;
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
  return { files, issues, skipped, renderTargets: plan.targets };
}

function isFileSync(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function comparePaths(a: string, b: string): number {
  const x = a.split(/[\\/]/);
  const y = b.split(/[\\/]/);
  for (let index = 0; index < Math.min(x.length, y.length); index++) {
    const order = compareCodePoints(x[index]!, y[index]!);
    if (order !== 0) return order;
  }
  return x.length - y.length;
}

/** Reads a text file within the size bound; binary files and non-regular files are refused. */
export function readBounded(path: string, maxFileSize: number): { text: string } | { error: string } {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, 'r');
    const info = fstatSync(descriptor);
    if (!info.isFile()) return { error: 'not a regular file' };
    if (info.size > maxFileSize) return { error: tooLarge(info.size, maxFileSize) };
    // Read at most one byte past the limit, in case the file grew since stat.
    const buffer = readBuffer(Math.min(info.size, maxFileSize) + 1);
    let bytesRead = 0;
    for (;;) {
      const count = readSync(descriptor, buffer, bytesRead, buffer.length - bytesRead, bytesRead);
      if (count === 0) break;
      bytesRead += count;
      if (bytesRead >= buffer.length) break;
    }
    if (bytesRead > maxFileSize) return { error: tooLarge(bytesRead, maxFileSize) };
    return decodeText(buffer.subarray(0, bytesRead));
  } catch (error) {
    return { error: describeFsError(error) };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/**
 * One buffer the files are read into, one after the other (each is decoded into a string that owns its characters
 * before the next read): a buffer per file was as many fresh pages as the inputs have bytes, and touching fresh memory
 * costs about 3 ms per MiB on the CI machine (12 MiB for 10k pod templates). Files above `SHARED_READ_LIMIT` get a
 * buffer of their own, so what stays allocated is bounded.
 */
const SHARED_READ_LIMIT = 4 * 1024 * 1024;
let sharedRead: Buffer | undefined;

/** A buffer of `size` bytes, not zero-filled: only the bytes read are decoded. */
function readBuffer(size: number): Buffer {
  if (size > SHARED_READ_LIMIT) return Buffer.allocUnsafe(size);
  if (sharedRead === undefined || sharedRead.length < size)
    sharedRead = Buffer.allocUnsafeSlow(
      Math.max(size, Math.min(SHARED_READ_LIMIT, 2 * (sharedRead?.length ?? 64 * 1024))),
    );
  return sharedRead.subarray(0, size);
}

/**
 * The text of an input as kubectl decodes it: cli-runtime's FileVisitor wraps every file and stdin in
 * `unicode.BOMOverride(unicode.UTF8.NewDecoder())`, so a UTF-16 file with its byte-order mark is read, a UTF-8 mark
 * is dropped, and anything else must be UTF-8. UTF-16 without a mark (Windows tools) is recognised by its zero
 * bytes and refused by name; other NUL bytes or invalid UTF-8 are binary.
 */
export function decodeText(bytes: Uint8Array): { text: string } | { error: string } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) {
    if (looksLikeUtf16(sample)) return { error: 'UTF-16 is not supported, save as UTF-8' };
    return { error: BINARY };
  }
  // ASCII (most manifests) is its own UTF-8 decoding: latin1 copies the bytes into a one-byte string, no validation.
  if (isAscii(bytes))
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') };
  try {
    const text = UTF8.decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { error: BINARY };
  }
}

/** Stateless for whole-buffer `decode` calls, so one serves every file. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const BINARY = 'binary file (contains NUL bytes or is not UTF-8 text); skipped';

/** Text in UTF-16 without a mark: most characters are ASCII, so every other byte is zero. */
function looksLikeUtf16(sample: Uint8Array): boolean {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 2) return false;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index + 1 < sample.length; index += 2) {
    if (sample[index] === 0) evenZeros++;
    if (sample[index + 1] === 0) oddZeros++;
  }
  return (oddZeros >= pairs * 0.5 && evenZeros === 0) || (evenZeros >= pairs * 0.5 && oddZeros === 0);
}

export function looksBinary(bytes: Uint8Array): boolean {
  return 'error' in decodeText(bytes);
}

/** `/dev/fd/N`, `/proc/self/fd/N`, `/dev/stdin`: descriptors the shell opened for us (process substitution). */
function isDescriptorPath(path: string): boolean {
  return /^\/(dev|proc\/self|proc\/\d+)\/fd\/\d+$|^\/dev\/stdin$/.test(path);
}

function describeSpecialFile(info: Stats): string {
  if (info.isFIFO())
    return 'a named pipe (FIFO): not read, as it may never end; pipe its content to standard input (-) or save it as a file';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device, not a file: not read';
  if (info.isSocket()) return 'a socket, not a file: not read';
  return 'not a regular file: not read';
}

/** Reads an open pipe up to one byte past the limit, then stops (the writer gets EPIPE, as with `head`). */
async function readPipe(
  path: string,
  maxFileSize: number,
): Promise<{ bytes: Uint8Array } | { error: string }> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    const stream = createReadStream(path);
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      total += (chunk as Buffer).length;
      if (total > maxFileSize) {
        stream.destroy();
        return { error: tooLargeStream(maxFileSize) };
      }
    }
  } catch (error) {
    return { error: describeFsError(error) };
  }
  return { bytes: Buffer.concat(chunks) };
}

function tooLargeStream(limit: number): string {
  return `input is over the ${formatBytes(limit)} limit (raise it with --max-file-size); reading stopped there, skipped`;
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
