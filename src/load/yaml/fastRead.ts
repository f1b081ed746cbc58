import { CHOMPING_MODE, type ChompingMode, EVENT_ID, getScalarValue, type ScalarEvent } from 'js-yaml';
import type { PositionTableBuilder } from '../positionTable.js';
import { blockScalarStart, type DecodeIssue, duplicateKeyNote, intern, internedCopy } from './decode.js';
import { type GoKind, jsonKeyOf, newResolved, resolvePlain } from './goResolve.js';
import { MappingEntries } from './mappingEntries.js';
import { hashStep, RangeStringSet } from './plainStrings.js';
import { hasHelmAction } from './templates.js';

/**
 * A one-pass reader for the YAML that Kubernetes manifests are written in: block mappings and sequences (compact and
 * indentless ones included), plain keys and values on one line, single- and double-quoted scalars on one line,
 * literal and folded block scalars with a chomping indicator, flow sequences and mappings (over lines too, with
 * one-line scalars inside), comments, CRLF line breaks.
 * It builds the values, the position table and the duplicate-key notes straight from the text, exactly as js-yaml's
 * event parser followed by `decode.ts` would (same values, key order, positions, issues), with no event objects.
 *
 * Anything else gives the part up (the caller reads it with the event decoder): anchors, aliases, tags, directives,
 * document markers inside a part, explicit and complex keys, multi-line plain scalars (and multi-line quoted ones
 * inside flow collections), block scalar indentation indicators, tabs used as indentation or separation, CR line breaks, byte-order
 * marks and non-printable characters, deep nesting, and every syntax or decoding error. Giving up is always safe;
 * reading differently never is, so each rule below mirrors js-yaml 5's `parseEvents` (`readBlockMapping`,
 * `readBlockSequence`, `readPlainScalar`, `readBlockScalar`, `readFlowCollection`) on the subset, and the
 * differential test (`fastRead.test.ts`) compares both readers over every YAML input the project has.
 */

export interface FastDocument {
  value: unknown;
  /** Offset of the document's root node. */
  offset: number;
  helmTemplate: boolean;
  /** Root node in the position table builder. */
  root: number;
}

export interface FastPart {
  /** Undefined for a part without content (comments, blank lines). */
  document: FastDocument | undefined;
  issues: DecodeIssue[];
}

/** Thrown (one shared instance) when the text leaves the subset. */
class GiveUp extends Error {}
const GIVE_UP = new GiveUp('outside the fast reader subset');

function giveUp(): never {
  throw GIVE_UP;
}

/**
 * Characters the reader does not take: C0 controls but tab, line feed and CR before a line feed (CRLF line breaks
 * are read; a CR alone breaks lines differently for kubectl and is left to the event decoder), DEL, C1 controls (NEL too), surrogates, the byte-order mark, U+FFFE/U+FFFF. A superset of js-yaml's
 * non-printable set, so nothing it would refuse is read here.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const OUTSIDE_SUBSET = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/;
/** A CR not followed by a line feed (tested only when the text holds a CR: a plain character class scans fastest). */
const LONE_CR = /\r(?!\n)/;

/** Nesting the reader follows (js-yaml allows 1000 parse levels; deeper parts are left to it). */
const MAX_DEPTH = 200;

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const DOUBLE_QUOTE = 34;
const HASH = 35;
const PERCENT = 37;
const AMPERSAND = 38;
const SINGLE_QUOTE = 39;
const ASTERISK = 42;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const COLON = 58;
const GREATER = 62;
const QUESTION = 63;
const AT = 64;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const BACKTICK = 96;
const OPEN_BRACE = 123;
const PIPE = 124;
const CLOSE_BRACE = 125;
const EXCLAMATION = 33;

const STYLE_SINGLE_QUOTED = 2;
const STYLE_DOUBLE_QUOTED = 3;
const STYLE_LITERAL = 4;
const STYLE_FOLDED = 5;

function isFlowIndicator(code: number): boolean {
  return (
    code === COMMA ||
    code === OPEN_BRACKET ||
    code === CLOSE_BRACKET ||
    code === OPEN_BRACE ||
    code === CLOSE_BRACE
  );
}

/** js-yaml's simple escapes (`isSimpleEscape`): 0 a b t TAB n v f r e SPACE " / \ N _ L P. */
function isSimpleEscape(code: number): boolean {
  switch (code) {
    case 48:
    case 97:
    case 98:
    case 116:
    case TAB:
    case 110:
    case 118:
    case 102:
    case 114:
    case 101:
    case SPACE:
    case DOUBLE_QUOTE:
    case 47:
    case BACKSLASH:
    case 78:
    case 95:
    case 76:
    case 80:
      return true;
    default:
      return false;
  }
}

/**
 * A node starting with this character is left to the event decoder: a property (`&anchor`, `*alias`, `!tag`), a
 * directive or reserved indicator (`%`, `@`, backtick), or what cannot start a node (`#`, `,`, `]`, `}`).
 */
function startsOutsideSubset(code: number): boolean {
  switch (code) {
    case AMPERSAND:
    case ASTERISK:
    case EXCLAMATION:
    case PERCENT:
    case AT:
    case BACKTICK:
    case HASH:
    case COMMA:
    case CLOSE_BRACKET:
    case CLOSE_BRACE:
      return true;
    default:
      return false;
  }
}

function hexEscapeLength(code: number): number {
  if (code === 120) return 2; // x
  if (code === 117) return 4; // u
  if (code === 85) return 8; // U
  return 0;
}

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/**
 * Plain scalars known to resolve to strings, each the interned copy, found by their place in the text: a repeated key
 * or value (`name`, `image`, `v1`) skips the slice, go-yaml resolution and the intern lookup. Only strings that
 * `intern` keeps (up to 64 characters); bounded as decode.ts bounds its intern table, shared by every file read by the
 * process. None holds `{{`, so a string found here needs no look for a template action (`noteHelm`).
 */
const PLAIN_STRINGS = new RangeStringSet(100_000, 64);

/**
 * Plain scalars known to resolve to a number, a boolean or null (`8080`, `2`, `true`), found as PLAIN_STRINGS finds
 * strings, each with its value in PLAIN_VALUES: go-yaml's resolution depends on the text alone. Only texts of up to
 * 12 characters, which V8 copies when sliced (a longer slice would keep the whole file text alive).
 */
const PLAIN_OTHERS = new RangeStringSet(10_000, 12, PLAIN_STRINGS.hashBasis);
/** The hash both sets take (the same basis): the reader makes it while it scans a plain scalar. */
const PLAIN_HASH_BASIS = PLAIN_STRINGS.hashBasis;
const PLAIN_VALUES = new Map<string, number | boolean | null>();

/** Remembers the value a short plain scalar that is no string resolved to (bounded as PLAIN_OTHERS is). */
function rememberPlain(raw: string, value: number | boolean | null): void {
  if (raw.length > PLAIN_OTHERS.maxLength || PLAIN_VALUES.size >= PLAIN_OTHERS.maxSize) return;
  PLAIN_VALUES.set(raw, value);
  PLAIN_OTHERS.add(raw);
}

/**
 * `intern` for a plain scalar that resolved to a string (`hash`: its hash for PLAIN_STRINGS), remembered as one when
 * the intern table holds it.
 */
function internPlain(raw: string, hash: number): string {
  const value = internedCopy(raw);
  if (value === undefined) return raw;
  if (!value.includes('{{')) PLAIN_STRINGS.addHashed(value, hash);
  return value;
}

/** Whether `text` may hold something the fast reader can read (no character outside its subset). */
export function fastReadable(text: string, start = 0, end = text.length): boolean {
  const range = start === 0 && end === text.length ? text : text.slice(start, end);
  return !holdsOutsideSubset(range) && !(range.includes('\r') && LONE_CR.test(range));
}

/** The characters of OUTSIDE_SUBSET below U+0080, each as a string. */
const ASCII_OUTSIDE_SUBSET: readonly string[] = Array.from({ length: 128 }, (_, code) =>
  String.fromCharCode(code),
).filter((character) => OUTSIDE_SUBSET.test(character));

/** Texts shorter than this are searched by the pattern alone (one scan costs less than a search per character). */
const SEARCH_EACH_FROM = 4096;

/**
 * Whether `text` holds a character of OUTSIDE_SUBSET. An ASCII text (most manifests: its UTF-8 length is its
 * length, which V8 counts with SIMD) can hold only the 30 controls below U+0080, and `includes` of one character
 * is a memchr over a one-byte string: the 30 searches took 4 ms for the 12 MB of 10k pod templates, the pattern's
 * scan 10 ms.
 */
function holdsOutsideSubset(text: string): boolean {
  if (text.length < SEARCH_EACH_FROM || Buffer.byteLength(text, 'utf8') !== text.length)
    return OUTSIDE_SUBSET.test(text);
  for (let index = 0; index < ASCII_OUTSIDE_SUBSET.length; index++)
    if (text.includes(ASCII_OUTSIDE_SUBSET[index]!)) return true;
  return false;
}

/**
 * Reads the parts of one text. One instance per text; the position tables go to the builder shared with the caller.
 */
export class FastYamlReader {
  private end = 0;
  private depth = 0;
  /** Where js-yaml's last scalar with a value (or last collection start + 1) ended: an empty scalar sits there. */
  private lastEventEnd = 0;
  /** The node just read: its table node, start, end (-1: none), and where reading continues. */
  private node = -1;
  private nodeStart = 0;
  private nodeEnd = -1;
  /** After a block node: the start of the next content line (or the end); after a flow node: just past it. */
  private pos = 0;
  private helmTemplate = false;
  /** Spaces that lines inside the flow collection being read must be indented by (its block parent's column + 1). */
  private flowIndent = 0;
  private issues: DecodeIssue[] = [];
  private readonly resolved = newResolved();
  /** The key just scanned: where it ends, its quote style (0: plain), whether its quoted text has escapes. */
  private keyEnd = 0;
  private quoteEscaped = false;
  /** End of the mapping entry just set. */
  private entryEnd = 0;
  /** The content line `skipBlankLines` last found, and the spaces indenting it (-1: a tab follows them). */
  private indentLine = -1;
  private indentSpaces = -1;
  /** The hash of the plain key `scanKey` found at `keyHashAt` (-1: none), for `resolveKey`. */
  private keyHash = 0;
  private keyHashAt = -1;
  /** The key just resolved. */
  private key = '';
  private keyKind: GoKind = 'string';
  /**
   * Items of the sequences being read, nested ones above their parents' (`itemCount` is the top): a sequence takes
   * its own off when it closes, as an array of its exact length. An array grown by `push` keeps room for 17 items
   * from its first one: that slack was 40 % of the values' heap for 10k pod templates, copied by every scavenge.
   */
  private readonly items: unknown[] = [];
  private itemCount = 0;
  /** Entries of the mappings being read: each is made at its exact size when it closes. */
  private readonly entries = new MappingEntries();

  constructor(
    private readonly text: string,
    private readonly builder: PositionTableBuilder,
    private readonly lineOf: (offset: number) => number,
  ) {}

  /** The document of the part `[start, end)`, or undefined when the part is outside the subset. */
  readPart(start: number, end: number): FastPart | undefined {
    this.end = end;
    this.depth = 0;
    this.helmTemplate = false;
    this.issues = [];
    this.lastEventEnd = start;
    this.itemCount = 0;
    this.entries.reset();
    this.keyHashAt = -1;
    this.indentLine = -1;
    const checkpoint = this.builder.checkpoint();
    try {
      this.builder.startDocument();
      const first = this.skipBlankLines(start);
      if (first >= end) return { document: undefined, issues: [] };
      const indent = this.indentAt(first);
      const at = first + indent;
      if (indent === 0) this.checkMarker(at);
      let value: unknown;
      if (this.isSequenceEntry(at)) value = this.readSequence(at, indent);
      else {
        const colon = this.scanKey(at);
        if (colon < 0) giveUp();
        value = this.readMapping(at, indent, colon);
      }
      if (this.pos < end) giveUp();
      return {
        document: { value, offset: this.nodeStart, helmTemplate: this.helmTemplate, root: this.node },
        issues: this.issues,
      };
    } catch (error) {
      if (error !== GIVE_UP) throw error;
      this.builder.rollback(checkpoint);
      return undefined;
    }
  }

  private code(index: number): number {
    return index < this.end ? this.text.charCodeAt(index) : -1;
  }

  private isWsOrEolOrEnd(index: number): boolean {
    if (index >= this.end) return true;
    const code = this.text.charCodeAt(index);
    return code === SPACE || code === LF || code === TAB || code === CR;
  }

  private isSequenceEntry(at: number): boolean {
    return this.code(at) === DASH && this.isWsOrEolOrEnd(at + 1);
  }

  /** A `---` / `...` marker or a `%` directive at the start of a line: left to the event decoder. */
  private checkMarker(at: number): void {
    const code = this.code(at);
    if (code === PERCENT) giveUp();
    if ((code === DASH || code === DOT) && this.code(at + 1) === code && this.code(at + 2) === code)
      if (this.isWsOrEolOrEnd(at + 3)) giveUp();
  }

  /**
   * From a line start, past blank lines and comment lines (as js-yaml's `skipSeparationSpace`, which takes spaces and
   * tabs there): the start of the next line with content, or the end.
   */
  private skipBlankLines(lineStart: number): number {
    const text = this.text;
    const end = this.end;
    let line = lineStart;
    while (line < end) {
      let index = line;
      let code = text.charCodeAt(index);
      while (code === SPACE && index < end) code = text.charCodeAt(++index);
      const spaces = index - line;
      const tabbed = code === TAB;
      while ((code === SPACE || code === TAB) && index < end) code = text.charCodeAt(++index);
      if (index >= end) return end;
      if (code === LF || code === CR) {
        line = index + (code === CR ? 2 : 1);
        continue;
      }
      if (code !== HASH) {
        // What `indentAt` would count on this line (it gives up on a tab after the spaces).
        this.indentLine = line;
        this.indentSpaces = tabbed ? -1 : spaces;
        return line;
      }
      const lineEnd = text.indexOf('\n', index);
      if (lineEnd < 0 || lineEnd >= end) return end;
      line = lineEnd + 1;
    }
    return end;
  }

  /** Spaces indenting the content line at `lineStart` (a tab before its content gives up). */
  private indentAt(lineStart: number): number {
    if (lineStart === this.indentLine && this.indentSpaces >= 0) return this.indentSpaces;
    const text = this.text;
    let index = lineStart;
    while (index < this.end && text.charCodeAt(index) === SPACE) index++;
    if (text.charCodeAt(index) === TAB) giveUp();
    return index - lineStart;
  }

  /**
   * After a node that ends inside a line: spaces or tabs, then the line's end or a comment. Returns the start of
   * the next content line.
   */
  private afterInline(from: number): number {
    const text = this.text;
    const end = this.end;
    let index = from;
    let code = this.code(index);
    while (code === SPACE || code === TAB) code = this.code(++index);
    if (index >= end) return end;
    if (code === HASH) {
      // A comment needs white space before it (`"a"#b` is not one).
      const before = text.charCodeAt(index - 1);
      if (before !== SPACE && before !== TAB) giveUp();
      const lineEnd = text.indexOf('\n', index);
      if (lineEnd < 0 || lineEnd >= end) return end;
      return this.skipBlankLines(lineEnd + 1);
    }
    if (code === CR) return this.skipBlankLines(index + 2);
    if (code !== LF) giveUp();
    return this.skipBlankLines(index + 1);
  }

  /**
   * Whether an implicit key starts at `at`, as `readBlockMapping` reads one: a plain scalar (flow-out context) or a
   * quoted scalar on this line followed by `:` and white space. Returns the colon's offset (-1: not a key) and sets
   * `keyEnd`. Gives up on what only the event decoder reads (properties, explicit keys, flow keys).
   */
  private scanKey(at: number): number {
    const text = this.text;
    const end = this.end;
    const first = this.code(at);
    if (startsOutsideSubset(first)) giveUp();
    let index: number;
    switch (first) {
      case DOUBLE_QUOTE:
      case SINGLE_QUOTE: {
        const after = this.scanQuoted(at, -1);
        if (after < 0) return -1;
        index = after;
        let code = this.code(index);
        while (code === SPACE || code === TAB) code = this.code(++index);
        if (code !== COLON || !this.isWsOrEolOrEnd(index + 1)) return -1;
        this.keyEnd = after;
        return index;
      }
      case OPEN_BRACKET:
      case OPEN_BRACE:
      case PIPE:
      case GREATER:
        return -1;
      case DASH:
      case QUESTION:
      case COLON:
        if (this.isWsOrEolOrEnd(at + 1)) return -1;
        break;
      default:
        break;
    }
    let last = at;
    // The key's hash for PLAIN_STRINGS, made on the way (`resolveKey`): up to `last`, trailing blanks left out.
    let hash = PLAIN_HASH_BASIS;
    let lastHash = hash;
    index = at;
    while (index < end) {
      const code = text.charCodeAt(index);
      if (code === LF || code === CR) return -1;
      if (code === COLON && this.isWsOrEolOrEnd(index + 1)) {
        this.keyEnd = last;
        this.keyHash = lastHash;
        this.keyHashAt = at;
        return index;
      }
      if (code === HASH) {
        const before = text.charCodeAt(index - 1);
        if (before === SPACE || before === TAB) return -1;
      }
      index++;
      hash = hashStep(hash, code);
      if (code !== SPACE && code !== TAB) {
        last = index;
        lastHash = hash;
      }
    }
    return -1;
  }

  /**
   * Past the closing quote of the quoted scalar at `at`; sets `quoteEscaped`. With `minIndent` < 0 it must end on
   * its line (-1 when it does not); else it may go on over lines indented by at least `minIndent` spaces, as
   * js-yaml's `readFlowScalarBreak` requires ("deficient indentation" below that).
   */
  private scanQuoted(at: number, minIndent: number): number {
    const text = this.text;
    const end = this.end;
    const quote = text.charCodeAt(at);
    let escaped = false;
    let index = at + 1;
    while (index < end) {
      const code = text.charCodeAt(index);
      if (code === quote) {
        if (quote === SINGLE_QUOTE && this.code(index + 1) === SINGLE_QUOTE) {
          escaped = true;
          index += 2;
          continue;
        }
        this.quoteEscaped = escaped;
        return index + 1;
      }
      if (code === LF || code === CR) {
        if (minIndent < 0) return -1;
        escaped = true;
        index = this.quotedBreak(index, minIndent);
        continue;
      }
      if (code === BACKSLASH && quote === DOUBLE_QUOTE) {
        escaped = true;
        const next = this.code(index + 1);
        if (next === LF || next === CR) {
          if (minIndent < 0) return -1;
          index = this.quotedBreak(index + 1, minIndent);
          continue;
        }
        if (isSimpleEscape(next)) {
          index += 2;
          continue;
        }
        const digits = hexEscapeLength(next);
        if (digits === 0) giveUp();
        for (let digit = 0; digit < digits; digit++) if (!isHexDigit(this.code(index + 2 + digit))) giveUp();
        index += 2 + digits;
        continue;
      }
      index++;
    }
    return giveUp();
  }

  /**
   * A line break inside a quoted scalar at `index`: past it and the blank lines after it, to the next character of
   * the scalar, on a line indented by at least `minIndent` spaces.
   */
  private quotedBreak(index: number, minIndent: number): number {
    const text = this.text;
    const end = this.end;
    let at = index;
    for (;;) {
      at += text.charCodeAt(at) === CR ? 2 : 1;
      const lineStart = at;
      while (at < end && text.charCodeAt(at) === SPACE) at++;
      const indent = at - lineStart;
      let code = this.code(at);
      while (code === SPACE || code === TAB) code = this.code(++at);
      if (code === -1) giveUp();
      if (code === LF || code === CR) continue;
      if (indent < minIndent) giveUp();
      // A document marker ends the document inside the scalar: an error.
      if (indent === 0) this.checkMarker(lineStart);
      return at;
    }
  }

  /** The text of the quoted scalar `[at, after)` just scanned (js-yaml's own unescaping when it has escapes). */
  private quotedText(at: number, after: number): string {
    if (!this.quoteEscaped) return this.text.slice(at + 1, after - 1);
    const style = this.text.charCodeAt(at) === DOUBLE_QUOTE ? STYLE_DOUBLE_QUOTED : STYLE_SINGLE_QUOTED;
    return getScalarValue(this.text, scalarEvent(at + 1, after - 1, style, CHOMPING_MODE.CLIP, -1));
  }

  /** Resolves the key `[at, keyEnd)` scanned at `at` into `key` / `keyKind` as decode.ts does. */
  private resolveKey(at: number): void {
    const first = this.text.charCodeAt(at);
    this.keyKind = 'string';
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) this.key = intern(this.quotedText(at, this.keyEnd));
    else {
      const hash = this.keyHashAt === at ? this.keyHash : this.plainHash(at, this.keyEnd);
      const known = PLAIN_STRINGS.findHashed(this.text, at, this.keyEnd, hash);
      if (known !== undefined) {
        // Holds no `{{` (PLAIN_STRINGS): no template action to look for.
        this.key = known;
        return;
      }
      const raw = this.text.slice(at, this.keyEnd);
      const resolved = this.resolved;
      resolvePlain(raw, resolved);
      if (resolved.kind !== 'string') {
        // A bool, number or null key becomes the JSON key sigs.k8s.io/yaml writes (or fails the document).
        const jsonKey = jsonKeyOf(resolved.kind, resolved.value, resolved.integer);
        if (typeof jsonKey !== 'string') giveUp();
        this.keyKind = resolved.kind;
        this.key = jsonKey;
        return;
      }
      this.key = internPlain(raw, hash);
    }
    if (!this.helmTemplate && this.key.includes('{{') && hasHelmAction(this.key)) this.helmTemplate = true;
  }

  /** The block mapping whose first key starts at `at` (column `column`, its colon at `colon`). */
  private readMapping(at: number, column: number, colon: number): Record<string, unknown> {
    if (++this.depth > MAX_DEPTH) giveUp();
    const builder = this.builder;
    const start = at;
    this.lastEventEnd = start + 1;
    const mark = builder.mark();
    const first = this.entries.open();
    let kinds: Map<string, GoKind> | undefined;
    let lastEnd = start + 1;
    let keyAt = at;
    let keyColon = colon;
    for (;;) {
      this.resolveKey(keyAt);
      const key = this.key;
      const kind = this.keyKind;
      const keyEnd = this.keyEnd;
      this.lastEventEnd = keyEnd;
      const value = this.readValue(keyColon + 1, column);
      kinds = this.setEntry(first, mark, kinds, key, kind, keyAt, keyEnd, value);
      if (this.entryEnd > lastEnd) lastEnd = this.entryEnd;
      const next = this.pos;
      if (next >= this.end) break;
      const indent = this.indentAt(next);
      if (indent < column) break;
      if (indent > column) giveUp();
      keyAt = next + indent;
      if (indent === 0) this.checkMarker(keyAt);
      keyColon = this.scanKey(keyAt);
      if (keyColon < 0) giveUp();
    }
    this.depth--;
    this.node = builder.container('map', mark, start, lastEnd);
    this.nodeStart = start;
    this.nodeEnd = lastEnd;
    return this.entries.take(first);
  }

  /**
   * Sets `key` (of Go kind `kind`, at `keyAt`) to `value`, the node just read, in the mapping being read whose
   * entries start at `first`, as decode.ts `set` does; places the entry from its key to its value's end (left in
   * `entryEnd`). Returns the mapping's kinds of non-string keys (made on the first one).
   */
  private setEntry(
    first: number,
    mark: number,
    kinds: Map<string, GoKind> | undefined,
    key: string,
    kind: GoKind,
    keyAt: number,
    keyEnd: number,
    value: unknown,
  ): Map<string, GoKind> | undefined {
    const builder = this.builder;
    const node = this.node;
    const valueEnd = this.nodeEnd < 0 ? keyEnd : this.nodeEnd;
    const entryEnd = valueEnd > keyAt ? valueEnd : keyAt;
    builder.place(node, keyAt, entryEnd);
    this.entryEnd = entryEnd;
    const entries = this.entries;
    const slot = entries.slotOf(first, key);
    if (slot >= 0) {
      // decode.go keeps the last value; keys of different Go types that meet are an error (the decoder says it).
      if ((kinds?.get(key) ?? 'string') !== kind) giveUp();
      const previous = builder.lastWith(mark, key);
      const where = previous >= 0 ? ` (first at line ${this.lineOf(builder.start(previous))})` : '';
      this.issues.push({ level: 'note', offset: keyAt, message: duplicateKeyNote(key, where) });
      entries.replace(slot, value);
    } else entries.add(first, key, value);
    let known = kinds;
    if (kind !== 'string') {
      known ??= new Map();
      known.set(key, kind);
    } else known?.delete(key);
    builder.push(key, node);
    return known;
  }

  /** The value after a key's colon (at `from`) in a mapping at `column`. */
  private readValue(from: number, column: number): unknown {
    let index = from;
    let code = this.code(index);
    while (code === SPACE) code = this.code(++index);
    if (code === TAB) {
      // Tabs before a value on the line are separation js-yaml tracks (`firstTabInLine`): left to it.
      while (code === SPACE || code === TAB) code = this.code(++index);
      if (code !== -1 && code !== LF && code !== CR && code !== HASH) giveUp();
    }
    if (code !== -1 && code !== LF && code !== CR && code !== HASH) return this.readInline(index, column);
    const next = this.nextLineAfter(index);
    if (next < this.end) {
      const indent = this.indentAt(next);
      if (indent > column) return this.readOnOwnLine(next + indent, indent, column);
      // An indentless sequence: `key:` then `- item` at the key's column.
      if (indent === column && this.isSequenceEntry(next + indent))
        return this.readSequence(next + indent, indent);
    }
    return this.empty(next);
  }

  /** The start of the next content line after the line holding `index`. */
  private nextLineAfter(index: number): number {
    if (index >= this.end) return this.end;
    // Mostly called at the line break itself (`key:` ending its line): no search for it.
    const lineEnd = this.text.charCodeAt(index) === LF ? index : this.text.indexOf('\n', index);
    if (lineEnd < 0 || lineEnd >= this.end) return this.end;
    return this.skipBlankLines(lineEnd + 1);
  }

  /** An empty scalar (null) where js-yaml puts it: after the last event with a value. */
  private empty(next: number): null {
    this.node = this.builder.leaf(this.lastEventEnd, undefined);
    this.nodeStart = this.lastEventEnd;
    this.nodeEnd = -1;
    this.pos = next;
    return null;
  }

  /** A node starting a line of its own at `at` (column `column`), inside a node at `parentColumn`. */
  private readOnOwnLine(at: number, column: number, parentColumn: number): unknown {
    if (column === 0) this.checkMarker(at);
    if (this.isSequenceEntry(at)) return this.readSequence(at, column);
    const colon = this.scanKey(at);
    if (colon >= 0) return this.readMapping(at, column, colon);
    const code = this.code(at);
    if (code === PIPE || code === GREATER) giveUp();
    return this.readInline(at, parentColumn);
  }

  /** The block sequence whose first `-` is at `at` (column `column`). */
  private readSequence(at: number, column: number): unknown[] {
    if (++this.depth > MAX_DEPTH) giveUp();
    const builder = this.builder;
    const start = at;
    this.lastEventEnd = start + 1;
    const mark = builder.mark();
    const first = this.itemCount;
    let lastEnd = start + 1;
    let dash = at;
    for (;;) {
      let index = dash + 1;
      let code = this.code(index);
      while (code === SPACE) code = this.code(++index);
      if (code === TAB) giveUp();
      let value: unknown;
      if (code === -1 || code === LF || code === CR || code === HASH) {
        const next = this.nextLineAfter(index);
        const indent = next < this.end ? this.indentAt(next) : -1;
        value = indent > column ? this.readOnOwnLine(next + indent, indent, column) : this.empty(next);
      } else {
        // Compact forms: `- - item`, `- key: value` (the mapping's column is its first key's).
        const itemColumn = column + (index - dash);
        if (this.isSequenceEntry(index)) value = this.readSequence(index, itemColumn);
        else {
          const colon = this.scanKey(index);
          value = colon >= 0 ? this.readMapping(index, itemColumn, colon) : this.readInline(index, column);
        }
      }
      this.pushItem(value);
      builder.push(undefined, this.node);
      const itemEnd = this.nodeEnd < 0 ? this.nodeStart : this.nodeEnd;
      if (itemEnd > lastEnd) lastEnd = itemEnd;
      const next = this.pos;
      if (next >= this.end) break;
      const indent = this.indentAt(next);
      if (indent < column) break;
      if (indent > column) giveUp();
      if (indent === 0) this.checkMarker(next);
      if (!this.isSequenceEntry(next + indent)) break;
      dash = next + indent;
    }
    this.depth--;
    this.node = builder.container('sequence', mark, start, lastEnd);
    this.nodeStart = start;
    this.nodeEnd = lastEnd;
    return this.takeItems(first);
  }

  private pushItem(value: unknown): void {
    this.items[this.itemCount++] = value;
  }

  /** The items pushed since `first`, as an array of their exact number; they leave the stack. */
  private takeItems(first: number): unknown[] {
    const items = this.items;
    const count = this.itemCount - first;
    this.itemCount = first;
    // Array literals have allocation sites, where V8 learns that nearly every sequence read lives as long as its
    // document and then allocates them in the old generation directly (`--trace-pretenuring`: no copy by each
    // scavenge); `slice` has none. Literals for the usual short lengths; longer ones are sliced (`new Array(n)` of a
    // large n would make a dictionary of a long list).
    switch (count) {
      case 0:
        return [];
      case 1:
        return [items[first]];
      case 2:
        return [items[first], items[first + 1]];
      case 3:
        return [items[first], items[first + 1], items[first + 2]];
      default:
        return items.slice(first, first + count);
    }
  }

  /**
   * A node that starts inside a line (after `key: `, after `- `, or alone on its line) in block context, inside a
   * node at `parentColumn`: a scalar or a flow collection that ends on this line, or a block scalar.
   */
  private readInline(at: number, parentColumn: number): unknown {
    const code = this.text.charCodeAt(at);
    if (startsOutsideSubset(code)) giveUp();
    switch (code) {
      case DOUBLE_QUOTE:
      case SINGLE_QUOTE: {
        const after = this.scanQuoted(at, parentColumn + 1);
        const value = this.stringLeaf(intern(this.quotedText(at, after)), at, after);
        this.pos = this.afterInline(after);
        return value;
      }
      case PIPE:
      case GREATER:
        return this.readBlockScalar(at, parentColumn + 1);
      case OPEN_BRACKET:
      case OPEN_BRACE: {
        this.flowIndent = parentColumn + 1;
        const value = this.readFlow(at);
        this.pos = this.afterInline(this.pos);
        return value;
      }
      case DASH:
      case QUESTION:
      case COLON:
        if (this.isWsOrEolOrEnd(at + 1)) giveUp();
        break;
      default:
        break;
    }
    // A plain scalar on this line (block context: flow indicators are text). `: ` inside it would make it a key
    // where a value is expected: js-yaml refuses that.
    const text = this.text;
    const end = this.end;
    let index = at;
    let last = at;
    // Its hash for the remembered scalars, made on the way: up to `last`, trailing blanks left out.
    let hash = PLAIN_HASH_BASIS;
    let lastHash = hash;
    while (index < end) {
      const current = text.charCodeAt(index);
      if (current === LF || current === CR) break;
      if (current === COLON && this.isWsOrEolOrEnd(index + 1)) giveUp();
      if (current === HASH) {
        const before = text.charCodeAt(index - 1);
        if (before === SPACE || before === TAB) break;
      }
      index++;
      hash = hashStep(hash, current);
      if (current !== SPACE && current !== TAB) {
        last = index;
        lastHash = hash;
      }
    }
    const value = this.plainLeaf(at, last, lastHash);
    this.pos = this.afterInline(index);
    return value;
  }

  /** The hash of `[start, end)` for the remembered scalars (`hashStep` from their basis). */
  private plainHash(start: number, end: number): number {
    const text = this.text;
    let hash = PLAIN_HASH_BASIS;
    for (let index = start; index < end; index++) hash = hashStep(hash, text.charCodeAt(index));
    return hash;
  }

  /** A plain scalar `[start, end)` whose hash is `hash` (`plainHash`), resolved by go-yaml v2's rules, as a leaf. */
  private plainLeaf(start: number, end: number, hash: number): unknown {
    const known = PLAIN_STRINGS.findHashed(this.text, start, end, hash);
    if (known !== undefined) {
      // Holds no `{{` (PLAIN_STRINGS).
      this.leaf(start, end);
      return known;
    }
    const other = PLAIN_OTHERS.findHashed(this.text, start, end, hash);
    if (other !== undefined) {
      this.leaf(start, end);
      return PLAIN_VALUES.get(other);
    }
    const raw = this.text.slice(start, end);
    const resolved = this.resolved;
    resolvePlain(raw, resolved);
    if (resolved.kind === 'string') return this.stringLeaf(internPlain(raw, hash), start, end);
    const value = resolved.value as number | boolean | null;
    // NaN and infinities are no JSON numbers: the decoder fails the document.
    if (resolved.kind === 'float' && !Number.isFinite(value as number)) giveUp();
    rememberPlain(raw, value);
    this.leaf(start, end);
    return value;
  }

  /** A string leaf; `value` is interned already. */
  private stringLeaf(value: string, start: number, end: number): string {
    if (!this.helmTemplate && value.length > 4 && value.includes('{{') && hasHelmAction(value))
      this.helmTemplate = true;
    this.leaf(start, end);
    return value;
  }

  private leaf(start: number, end: number): void {
    this.node = this.builder.leaf(start, end);
    this.nodeStart = start;
    this.nodeEnd = end;
    this.lastEventEnd = end;
  }

  /**
   * A literal or folded block scalar whose header is at `at`, content more indented than `parentIndent` (js-yaml's
   * `readBlockScalar` with the flow indent it is given). Indentation indicators are left to the event decoder.
   */
  private readBlockScalar(at: number, parentIndent: number): string {
    const text = this.text;
    const end = this.end;
    const style = text.charCodeAt(at) === PIPE ? STYLE_LITERAL : STYLE_FOLDED;
    let chomping: ChompingMode = CHOMPING_MODE.CLIP;
    let index = at + 1;
    let code = this.code(index);
    if (code === DASH || code === 43) {
      chomping = code === DASH ? CHOMPING_MODE.STRIP : CHOMPING_MODE.KEEP;
      code = this.code(++index);
    }
    if (code >= 48 && code <= 57) giveUp();
    let hadWhitespace = false;
    while (code === SPACE || code === TAB) {
      hadWhitespace = true;
      code = this.code(++index);
    }
    if (hadWhitespace && code === HASH) {
      const lineEnd = text.indexOf('\n', index);
      index = lineEnd < 0 || lineEnd >= end ? end : lineEnd;
      code = this.code(index);
    }
    // A header that ends the text leaves the header search of decode.ts outside this part: left to it.
    if (code === CR) index++;
    else if (code !== LF) giveUp();
    index++;
    const valueStart = index;
    let valueEnd = index;
    let contentIndent = -1;
    let maxLeadingIndent = 0;
    while (index < end) {
      const lineStart = index;
      let column = 0;
      while (lineStart + column < end && text.charCodeAt(lineStart + column) === SPACE) column++;
      if (lineStart + column >= end) {
        // The last line, spaces only, without a line break.
        if (contentIndent >= 0 ? column > contentIndent : column > 0) valueEnd = lineStart + column;
        index = end;
        break;
      }
      const first = text.charCodeAt(lineStart + column);
      const blank = first === LF || first === CR;
      if (column === 0 && !blank) {
        const marker = first === DASH || first === DOT;
        if (marker && this.code(lineStart + 1) === first && this.code(lineStart + 2) === first)
          if (this.isWsOrEolOrEnd(lineStart + 3)) break;
      }
      if (contentIndent === -1) {
        if (blank) {
          if (column > maxLeadingIndent) maxLeadingIndent = column;
        } else {
          if (first === TAB && column < parentIndent) giveUp();
          if (column >= parentIndent && column < maxLeadingIndent) giveUp();
          if (column < parentIndent) break;
          contentIndent = column;
        }
      } else if (!blank && column < contentIndent) break;
      const lineEnd = text.indexOf('\n', lineStart + column);
      if (lineEnd < 0 || lineEnd >= end) {
        index = end;
        valueEnd = end;
        break;
      }
      index = lineEnd + 1;
      valueEnd = index;
    }
    const value = intern(
      getScalarValue(text, scalarEvent(valueStart, valueEnd, style, chomping, contentIndent)),
    );
    if (!this.helmTemplate && value.length > 4 && value.includes('{{') && hasHelmAction(value))
      this.helmTemplate = true;
    const start = blockScalarStart(text, valueStart);
    this.node = this.builder.leaf(start, valueEnd);
    this.nodeStart = start;
    this.nodeEnd = valueEnd;
    this.lastEventEnd = valueEnd;
    this.pos = index < end ? this.skipBlankLines(index) : end;
    return value;
  }

  /**
   * White space, line breaks and comments inside a flow collection (js-yaml's `skipFlowSeparationSpace`): the next
   * token. A line it goes on to must be indented by at least `flowIndent` spaces ("deficient indentation" else);
   * tabs and the end of the text are left to the event decoder.
   */
  private skipFlowSpaces(from: number): number {
    const text = this.text;
    const end = this.end;
    let index = from;
    for (;;) {
      let code = this.code(index);
      while (code === SPACE) code = this.code(++index);
      if (code === TAB || code === -1) giveUp();
      if (code === HASH) {
        // A comment needs white space (or a line start) before it.
        const before = text.charCodeAt(index - 1);
        if (before !== SPACE && before !== LF) giveUp();
        index = text.indexOf('\n', index);
        if (index < 0 || index >= end) giveUp();
        code = LF;
      }
      if (code !== LF && code !== CR) return index;
      index += code === CR ? 2 : 1;
      const lineStart = index;
      while (index < end && text.charCodeAt(index) === SPACE) index++;
      code = this.code(index);
      if (code === LF || code === CR || code === HASH) continue;
      if (code === TAB || code === -1) giveUp();
      if (index - lineStart < this.flowIndent) giveUp();
      return index;
    }
  }

  /** A flow sequence or mapping at `at` (lines indented by `flowIndent`); `pos` is left just past its closing bracket. */
  private readFlow(at: number): unknown {
    if (++this.depth > MAX_DEPTH) giveUp();
    const text = this.text;
    const builder = this.builder;
    const isMap = text.charCodeAt(at) === OPEN_BRACE;
    const closing = isMap ? CLOSE_BRACE : CLOSE_BRACKET;
    const start = at;
    this.lastEventEnd = start + 1;
    const mark = builder.mark();
    const first = isMap ? this.entries.open() : this.itemCount;
    let kinds: Map<string, GoKind> | undefined;
    let lastEnd = start + 1;
    let index = this.skipFlowSpaces(at + 1);
    if (text.charCodeAt(index) === closing) index++;
    else
      for (;;) {
        if (isMap) {
          const keyAt = index;
          const colon = this.scanFlowKey(keyAt);
          this.resolveKey(keyAt);
          const key = this.key;
          const kind = this.keyKind;
          const keyEnd = this.keyEnd;
          this.lastEventEnd = keyEnd;
          const valueAt = this.skipFlowSpaces(colon + 1);
          const next = text.charCodeAt(valueAt);
          if (next === COMMA || next === CLOSE_BRACE) giveUp();
          const value = this.readFlowNode(valueAt);
          kinds = this.setEntry(first, mark, kinds, key, kind, keyAt, keyEnd, value);
          if (this.entryEnd > lastEnd) lastEnd = this.entryEnd;
        } else {
          this.pushItem(this.readFlowNode(index));
          builder.push(undefined, this.node);
          const itemEnd = this.nodeEnd < 0 ? this.nodeStart : this.nodeEnd;
          if (itemEnd > lastEnd) lastEnd = itemEnd;
        }
        index = this.skipFlowSpaces(this.pos);
        const code = text.charCodeAt(index);
        if (code === closing) {
          index++;
          break;
        }
        if (code !== COMMA) giveUp();
        index = this.skipFlowSpaces(index + 1);
        // A trailing comma (`[a, ]`) ends the collection without an entry.
        if (text.charCodeAt(index) === closing) {
          index++;
          break;
        }
      }
    this.depth--;
    // decode.ts: the collection ends at its closing bracket, the first one after its last child.
    const closingAt = text.indexOf(isMap ? '}' : ']', lastEnd);
    const end = closingAt === -1 ? lastEnd : closingAt + 1;
    this.node = builder.container(isMap ? 'map' : 'sequence', mark, start, end);
    this.nodeStart = start;
    this.nodeEnd = end;
    this.pos = index;
    return isMap ? this.entries.take(first) : this.takeItems(first);
  }

  /** A key in a flow mapping at `at`: sets `keyEnd`, returns the offset of its `:`. */
  private scanFlowKey(at: number): number {
    this.keyHashAt = -1;
    const first = this.code(at);
    let after: number;
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) after = this.scanQuoted(at, -1);
    else after = this.scanFlowPlain(at);
    if (after < 0) giveUp();
    this.keyEnd = after;
    let index = after;
    let code = this.code(index);
    while (code === SPACE) code = this.code(++index);
    // After a plain key the scan stopped at `:` followed by white space or a flow indicator; after a quoted one any
    // `:` separates (`{"a":1}`).
    if (code !== COLON) giveUp();
    return index;
  }

  /** End of a plain scalar in flow context starting at `at` (after its last non-space character). */
  private scanFlowPlain(at: number): number {
    const text = this.text;
    const end = this.end;
    const first = this.code(at);
    if (startsOutsideSubset(first)) giveUp();
    switch (first) {
      case OPEN_BRACKET:
      case OPEN_BRACE:
      case PIPE:
      case GREATER:
        return giveUp();
      case DASH:
      case QUESTION:
      case COLON: {
        const next = this.code(at + 1);
        if (this.isWsOrEolOrEnd(at + 1) || isFlowIndicator(next)) giveUp();
        break;
      }
      default:
        break;
    }
    let index = at;
    let last = at;
    while (index < end) {
      const code = text.charCodeAt(index);
      if (code === LF || code === CR) giveUp();
      if (code === COLON) {
        if (this.isWsOrEolOrEnd(index + 1) || isFlowIndicator(this.code(index + 1))) break;
      } else if (code === HASH) {
        // A comment ends the scalar.
        const before = text.charCodeAt(index - 1);
        if (before === SPACE || before === TAB) break;
      } else if (isFlowIndicator(code)) break;
      index++;
      if (code !== SPACE && code !== TAB) last = index;
    }
    if (index >= end) giveUp();
    if (last === at) giveUp();
    return last;
  }

  /** A node inside a flow collection at `at`; `pos` is left just past it. */
  private readFlowNode(at: number): unknown {
    const code = this.text.charCodeAt(at);
    if (code === OPEN_BRACKET || code === OPEN_BRACE) return this.readFlow(at);
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      const after = this.scanQuoted(at, -1);
      if (after < 0) giveUp();
      const value = this.stringLeaf(intern(this.quotedText(at, after)), at, after);
      this.pos = after;
      return value;
    }
    const last = this.scanFlowPlain(at);
    const value = this.plainLeaf(at, last, this.plainHash(at, last));
    // The scan stopped at a flow indicator or `: `; spaces before it are skipped by the caller.
    this.pos = last;
    return value;
  }
}

function scalarEvent(
  valueStart: number,
  valueEnd: number,
  style: ScalarEvent['style'],
  chomping: ChompingMode,
  indent: number,
): ScalarEvent {
  return {
    type: EVENT_ID.SCALAR,
    valueStart,
    valueEnd,
    anchorStart: -1,
    anchorEnd: -1,
    tagStart: -1,
    tagEnd: -1,
    style,
    chomping,
    indent,
    fast: false,
  };
}
