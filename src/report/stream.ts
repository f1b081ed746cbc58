/**
 * Streamed output: every renderer yields its text in pieces (never one string of the whole report, which V8 caps at
 * 2^29 characters: `RangeError: Invalid string length` on 50,000 files), and a writer hands the pieces to the sink
 * in blocks of about 64 KiB.
 */

/** Text in pieces, in order. */
export type Chunks = Iterable<string>;

/**
 * Whether any LazyJsonArray was ever made in this process: until one is (SARIF makes them; the JSON report never
 * does), no value can hold one, and `holdsLazyArray` need not look through each finding's members (~0.7 µs each).
 */
let lazyArraysMade = false;

/**
 * An array whose items are produced while they are written (SARIF results made from findings one at a time).
 * `jsonChunks` writes it exactly as `JSON.stringify` would write the array of its items.
 */
export class LazyJsonArray {
  constructor(
    readonly items: () => Iterable<unknown>,
    /** Whether there is at least one item (`[]` is written on one line, as JSON.stringify does). */
    readonly empty: boolean,
  ) {
    lazyArraysMade = true;
  }
}

/**
 * Containers are written piece by piece down to this depth (the report, its lists); deeper ones with one
 * JSON.stringify call each (a finding, a SARIF result), unless they hold a `LazyJsonArray`.
 */
const STREAM_DEPTH = 2;

function holdsLazyArray(value: object): boolean {
  if (!lazyArraysMade) return false;
  // The own enumerable members (as Object.values), without an array of them per finding written.
  for (const key in value)
    if (Object.hasOwn(value, key) && (value as Record<string, unknown>)[key] instanceof LazyJsonArray)
      return true;
  return false;
}

/**
 * Characters JSON.stringify leaves raw that a terminal may act on or that reorder text: DEL, the C1 controls (U+009B
 * is CSI), bidirectional controls, and the line/paragraph separators. They can only occur inside strings, where
 * `\uXXXX` means the same character, so the JSON is equivalent.
 */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const JSON_UNSAFE_TEST = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** `JSON.stringify(value, null, indent)` with the characters above written as `\uXXXX` escapes. */
export function safeJson(value: unknown, indent = 2): string | undefined {
  return JSON.stringify(value, null, indent)?.replace(JSON_UNSAFE, unicodeEscape);
}

function unicodeEscape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `JSON.stringify(value, null, indent)` in pieces, byte for byte the same (toJSON, undefined members left out,
 * undefined/functions in arrays as null) except for the characters of `JSON_UNSAFE`, escaped; plus `LazyJsonArray`
 * written as the array of its items.
 */
export function* jsonChunks(value: unknown, indent = 2): Generator<string> {
  for (const chunk of rawJsonChunks(value, indent))
    yield mayHoldUnsafe(chunk) && JSON_UNSAFE_TEST.test(chunk)
      ? chunk.replace(JSON_UNSAFE, unicodeEscape)
      : chunk;
}

/**
 * Whether `text` has a character from U+007F up (every character of `JSON_UNSAFE` is one). Most output is ASCII: its
 * UTF-8 length equals its length exactly when every character is below U+0080, and counting it is about 4× faster
 * than the pattern's scan.
 */
function mayHoldUnsafe(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') !== text.length || text.includes('\u007f');
}

function* rawJsonChunks(value: unknown, indent: number): Generator<string> {
  const step = ' '.repeat(indent);
  const text = yield* write(resolve(value, ''), 0, '');
  if (text !== undefined) yield text;

  /** Writes a value whose toJSON was already applied; returns its last piece (undefined: not writable). */
  function* write(item: unknown, depth: number, margin: string): Generator<string, string | undefined> {
    if (item instanceof LazyJsonArray) return yield* writeArray(item.items(), item.empty, depth, margin);
    if (item === null || typeof item !== 'object' || (depth >= STREAM_DEPTH && !holdsLazyArray(item))) {
      const text = JSON.stringify(item, null, indent);
      // Nested text is re-indented: JSON strings never hold a raw newline, so every newline is structure.
      return text === undefined || margin === '' ? text : text.replace(/\n/g, `\n${margin}`);
    }
    if (Array.isArray(item)) return yield* writeArray(item, item.length === 0, depth, margin);
    const inner = margin + step;
    let first = true;
    for (const name of Object.keys(item)) {
      const member = resolve((item as Record<string, unknown>)[name], name);
      // JSON.stringify leaves out members it cannot write.
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      yield `${first ? '{\n' : ',\n'}${inner}${JSON.stringify(name)}: `;
      yield (yield* write(member, depth + 1, inner)) ?? 'null';
      first = false;
    }
    return first ? '{}' : `\n${margin}}`;
  }

  function* writeArray(
    items: Iterable<unknown>,
    empty: boolean,
    depth: number,
    margin: string,
  ): Generator<string, string> {
    if (empty) return '[]';
    const inner = margin + step;
    // Items written whole (below STREAM_DEPTH) go in batches through one JSON.stringify call each, nested in as many
    // arrays as the margin is deep so they come out already indented: no re-indenting copy per item. A batch is about
    // BATCH_CHARS characters of text (see there).
    const batched = indent > 0 && depth + 1 >= STREAM_DEPTH && margin.length % indent === 0;
    const batch: unknown[] = [];
    let index = 0;
    let limit = FIRST_BATCH;
    function* flush(): Generator<string> {
      if (batch.length === 0) return;
      yield `${index === 0 ? '[\n' : ',\n'}${inner}`;
      const text = batchText(batch, margin.length / indent);
      // The next batch sized for about BATCH_CHARS characters, from the size of the items of this one.
      limit = Math.min(MAX_BATCH, Math.max(1, Math.floor((batch.length * BATCH_CHARS) / text.length)));
      yield text;
      index += batch.length;
      batch.length = 0;
    }
    for (const element of items) {
      if (batched && wholeItem(element)) {
        batch.push(element);
        if (batch.length >= limit) yield* flush();
        continue;
      }
      yield* flush();
      yield `${index === 0 ? '[\n' : ',\n'}${inner}`;
      yield (yield* write(resolve(element, String(index)), depth + 1, inner)) ?? 'null';
      index++;
    }
    yield* flush();
    return index === 0 ? '[]' : `\n${margin}]`;
  }

  /**
   * The items of `batch` as JSON.stringify writes them in an array `levels` deep: `item,\n<margin>item...`, from
   * after the batch array's first item's indentation to before its closing line.
   */
  function batchText(batch: unknown[], levels: number): string {
    let wrapped: unknown = batch;
    for (let level = 0; level < levels; level++) wrapped = [wrapped];
    const text = JSON.stringify(wrapped, null, indent);
    // Each of the levels + 1 arrays opens with "[\n" and the indentation of its first member (one step deeper) and
    // closes with "\n", its own indentation and "]".
    let head = 0;
    let tail = 0;
    for (let level = 0; level <= levels; level++) {
      head += 2 + indent * (level + 1);
      tail += 2 + indent * level;
    }
    return text.slice(head, text.length - tail);
  }
}

/**
 * Batches are sized by their text, not by a count of items: V8 builds a long JSON.stringify result as a rope of
 * parts and makes it one string when it is first read (the slice in `batchText`); a string above 128 KiB is a large object,
 * allocated and freed on its own pages, and at 256 RBAC findings a batch (~480k characters) made the JSON output
 * about 1.6× slower than batches of ~32k characters (measured on the RBAC-heavy scan and at 10k objects).
 * The first batch is small; each next one holds as many items as filled BATCH_CHARS in the last, at most MAX_BATCH.
 */
const FIRST_BATCH = 16;
const MAX_BATCH = 256;
const BATCH_CHARS = 32 * 1024;

/** An array item JSON.stringify writes exactly as `write` would: no toJSON of its own (its key would be the index in the batch), no lazy array. */
function wholeItem(item: unknown): boolean {
  if (item === null || typeof item !== 'object') return true;
  if (item instanceof LazyJsonArray) return false;
  if (typeof (item as { toJSON?: unknown }).toJSON === 'function') return false;
  return !holdsLazyArray(item);
}

function resolve(value: unknown, key: string): unknown {
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  )
    return (value as { toJSON(key: string): unknown }).toJSON(key);
  return value;
}

/** Where streamed output goes: standard output, a file, or a test's buffer. */
export interface OutputSink {
  write(text: string): void;
}

const BLOCK = 64 * 1024;

/** A piece at least this long (a batch of findings, ~32k characters) is written as it is, not joined into a block. */
const WHOLE = BLOCK / 4;

/**
 * Writes the pieces in blocks of at most 64 KiB (few system calls, bounded memory). A piece of at least a quarter
 * block (a batch of findings) is handed over as it is, after what is pending: joining it would copy every character
 * of a large report once more (~140 MB of JSON for 75,000 RBAC findings); a piece longer than a block goes in
 * block-sized slices of itself.
 */
export function writeChunks(chunks: Chunks, sink: OutputSink): void {
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    sink.write(pending.length === 1 ? pending[0]! : pending.join(''));
    pending = [];
    size = 0;
  };
  for (const chunk of chunks) {
    if (chunk.length === 0) continue;
    if (size > 0 && (size + chunk.length > BLOCK || chunk.length >= WHOLE)) flush();
    if (chunk.length > BLOCK) writeSlices(chunk, sink);
    else if (chunk.length >= WHOLE) sink.write(chunk);
    else {
      pending.push(chunk);
      size += chunk.length;
    }
  }
  if (size > 0) flush();
}

/** A long piece in slices of at most a block, never cutting a surrogate pair (each slice is encoded on its own). */
function writeSlices(text: string, sink: OutputSink): void {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + BLOCK, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    sink.write(text.slice(start, end));
    start = end;
  }
}

/** The pieces as one string: for tests and small outputs only. */
export function joinChunks(chunks: Chunks): string {
  let out = '';
  for (const chunk of chunks) out += chunk;
  return out;
}

/** Lines, each followed by a newline. */
export function* linesOf(lines: Iterable<string>): Generator<string> {
  for (const line of lines) yield `${line}\n`;
}
