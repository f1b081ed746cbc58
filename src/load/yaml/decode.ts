import { type DocumentEvent, EVENT_ID, type Event, getScalarValue, type ScalarEvent } from 'js-yaml';
import { type PositionTable, PositionTableBuilder } from '../positionTable.js';
import {
  type GoKind,
  jsonKeyOf,
  MERGE_TAG,
  newResolved,
  type Resolved,
  resolvePlain,
  resolveTagged,
  TAG_PREFIX,
} from './goResolve.js';
import { hasHelmAction } from './templates.js';

/**
 * Turns js-yaml's event stream into the values kubectl sends to the API server, mirroring go-yaml v2's decoder into
 * `interface{}` (`decode.go`) and then `sigs.k8s.io/yaml`'s `YAMLToJSON` (`yaml.go` `convertToJSONableObject`):
 *
 * - scalars resolve by go-yaml v2's rules (`goResolve.ts`), in one place for every input;
 * - anchors are bound when the node starts and aliases re-decode the anchored node (positions point at the anchor);
 *   an alias without an anchor fails the document ("unknown anchor 'x' referenced"), a self-containing one too;
 * - the alias expansion budget is go-yaml's own (`allowedAliasRatio`: "document contains excessive aliasing");
 * - merge keys: a plain `<<` (or `!!merge <<`) key whose value is a map, an alias of one, or a sequence of those,
 *   merged in place in document order, a sequence from its last item to its first (decode.go `merge`), each write
 *   overwriting what is there: a merge after an explicit key overrides it, a key after the merge overrides the merge;
 * - duplicate keys: the last value wins silently in `kubectl apply -f` (go-yaml `Unmarshal`, not `UnmarshalStrict`,
 *   in every kubectl version: cli-runtime's StreamVisitor uses the non-strict YAMLOrJSONDecoder, and the JSON sent to
 *   the server has no duplicates left to validate); reported here as a note, never dropped;
 * - keys become JSON keys as sigs.k8s.io/yaml writes them (`1` → "1", `yes` → "true", `1.5` → "1.5"); a null or uint64
 *   key, a collection key, and a NaN/Inf value fail the document as kubectl does. Two different YAML keys that
 *   become the same JSON key (`1` and `"1"`) are an error: kubectl keeps either one at random (Go map order).
 */

export interface DecodeIssue {
  level: 'error' | 'note';
  /** Offset in the whole text. */
  offset: number;
  message: string;
}

export interface DecodedDocument {
  value: unknown;
  tree: PositionTable;
  /** Offset of the document's first node in the whole text. */
  offset: number;
  /** A key or value holds a Helm template action: an unrendered template, not judged. */
  helmTemplate: boolean;
}

export interface DecodeOutput {
  documents: DecodedDocument[];
  issues: DecodeIssue[];
}

class DecodeFailure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** go-yaml v2 decode.go `allowedAliasRatio`. */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

const STYLE_PLAIN = 1;
const STYLE_SINGLE_QUOTED = 2;
const STYLE_DOUBLE_QUOTED = 3;
const STYLE_LITERAL = 4;
const STYLE_FOLDED = 5;
const FLOW = 2;
/** Decoding depth, aliases included (the parser bounds nesting to 1000; aliases can chain). */
const MAX_DECODE_DEPTH = 4000;

/** Per-map bookkeeping, created only when a map needs it (non-string keys, merges). */
interface MapState {
  /** Go kinds of keys that are not strings, by JSON key. */
  kinds: Map<string, GoKind> | undefined;
  /** JSON keys whose current value came from a merge. */
  merged: Set<string> | undefined;
}

/**
 * Decodes the events of one part (one `---`-separated piece of the file). `text` is the whole file and `base` the
 * offset of the part in it; event offsets are relative to the part.
 */
export function decodeEvents(
  part: string,
  base: number,
  events: readonly Event[],
  lineOf: (offset: number) => number,
): DecodeOutput {
  return new EventDecoder(part, base, events, lineOf).run();
}

class EventDecoder {
  private readonly resolved: Resolved = newResolved();
  private readonly issues: DecodeIssue[] = [];
  /** Index after the node just decoded, its span, and its position node (-1 for a map key: keys get none). */
  private next = 0;
  private nodeStart = 0;
  private nodeEnd: number | undefined;
  private node = -1;
  private readonly table = new PositionTableBuilder();
  /** Kind, value and exact integer of the last scalar decoded (for map keys). */
  private lastScalar = false;
  private lastKind: GoKind = 'null';
  private lastInteger: bigint | undefined;
  private lastValue: unknown;
  // Per document.
  private endOf: Int32Array = new Int32Array(0);
  private aliasTarget: Int32Array = new Int32Array(0);
  private handles = new Map<string, string>();
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private depth = 0;
  private readonly expanding = new Set<number>();
  private helmTemplate = false;
  /** Decoding a map key (where .inf and .nan are fine: they become the JSON keys ".inf", ".nan"). */
  private decodingKey = false;
  /** Decoding a map key itself: its span is kept, no position node is made (the entry's node starts at it). */
  private keyScalar = false;
  /** Offset of the `<<` key being merged (merge notes point at it). */
  private mergeKeyOffset = 0;

  constructor(
    private readonly part: string,
    private readonly base: number,
    private readonly events: readonly Event[],
    private readonly lineOf: (offset: number) => number,
  ) {}

  run(): DecodeOutput {
    const decoded: Omit<DecodedDocument, 'tree'>[] = [];
    const roots: number[] = [];
    const events = this.events;
    // Node ends and alias targets serve aliases and merge keys only: a text without `*` (an alias), `<<` (a merge
    // key, which is plain or tagged) and `!` (a tag) has neither, and skips that pass.
    const needsBinding = /[*!]|<</.test(this.part);
    if (needsBinding) {
      this.endOf = new Int32Array(events.length);
      this.aliasTarget = new Int32Array(events.length);
    }
    let index = 0;
    while (index < events.length) {
      const event = events[index]!;
      if (event.type !== EVENT_ID.DOCUMENT) {
        index++;
        continue;
      }
      let documentEnd = needsBinding ? this.bind(index) : -1;
      const contentIndex = index + 1;
      const last = needsBinding ? documentEnd : events.length;
      if (contentIndex < last && events[contentIndex]!.type !== EVENT_ID.POP) {
        try {
          this.startDocument(event);
          const offset = this.startOf(contentIndex);
          const value = this.decodeNode(contentIndex);
          if (value !== null && value !== undefined) {
            decoded.push({ value, offset, helmTemplate: this.helmTemplate });
            roots.push(this.node);
          }
          // A document holds one node: its closing event follows it.
          if (documentEnd < 0 && events[this.next]?.type === EVENT_ID.POP) documentEnd = this.next;
        } catch (error) {
          if (error instanceof DecodeFailure)
            this.issues.push({ level: 'error', offset: error.offset, message: error.message });
          else if (error instanceof RangeError)
            this.issues.push({
              level: 'error',
              offset: this.startOf(contentIndex),
              message: 'document is nested too deeply',
            });
          else throw error;
        }
      }
      index = (documentEnd < 0 ? this.closingOf(index) : documentEnd) + 1;
    }
    const tables = this.table.finish(roots);
    const documents = decoded.map((document, position) => ({ ...document, tree: tables[position]! }));
    return { documents, issues: this.issues };
  }

  /** Index of the event closing the document that starts at `documentIndex` (or the last event). */
  private closingOf(documentIndex: number): number {
    const events = this.events;
    let depth = 0;
    for (let index = documentIndex; index < events.length; index++) {
      const type = events[index]!.type;
      if (type === EVENT_ID.DOCUMENT || type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE) depth++;
      else if (type === EVENT_ID.POP && --depth === 0) return index;
    }
    return events.length - 1;
  }

  /**
   * One pass over a document's events: where each node ends, and which anchor each alias names (the latest one
   * defined before it, as go-yaml binds them at parse time). Returns the index of the document's closing event.
   */
  private bind(documentIndex: number): number {
    const events = this.events;
    const stack: number[] = [documentIndex];
    const anchors = new Map<string, number>();
    let index = documentIndex + 1;
    for (; index < events.length; index++) {
      const event = events[index]!;
      switch (event.type) {
        case EVENT_ID.MAPPING:
        case EVENT_ID.SEQUENCE:
          if (event.anchorStart >= 0) anchors.set(this.part.slice(event.anchorStart, event.anchorEnd), index);
          stack.push(index);
          break;
        case EVENT_ID.SCALAR:
          if (event.anchorStart >= 0) anchors.set(this.part.slice(event.anchorStart, event.anchorEnd), index);
          this.endOf[index] = index + 1;
          break;
        case EVENT_ID.ALIAS: {
          const name = this.part.slice(event.anchorStart, event.anchorEnd);
          this.aliasTarget[index] = anchors.get(name) ?? -1;
          this.endOf[index] = index + 1;
          break;
        }
        case EVENT_ID.POP: {
          const open = stack.pop()!;
          this.endOf[open] = index + 1;
          if (stack.length === 0) return index;
          break;
        }
        default:
          break;
      }
    }
    return events.length - 1;
  }

  private startDocument(event: DocumentEvent): void {
    this.decodeCount = 1; // the document node itself (decode.go `unmarshal` of the documentNode)
    this.aliasCount = 0;
    this.aliasDepth = 0;
    this.depth = 0;
    this.expanding.clear();
    this.helmTemplate = false;
    this.keyScalar = false;
    this.table.startDocument();
    this.handles = new Map([
      ['!', '!'],
      ['!!', TAG_PREFIX],
    ]);
    for (const directive of event.directives)
      if (directive.kind === 'tag') this.handles.set(directive.handle, directive.prefix);
  }

  private count(offset: number): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (
      this.aliasCount > 100 &&
      this.decodeCount > 1000 &&
      this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)
    )
      throw new DecodeFailure(
        offset,
        'document contains excessive aliasing (a "billion laughs" expansion); kubectl refuses it too',
      );
  }

  /** Start offset (in the whole text) of the node at `index`. */
  private startOf(index: number): number {
    const event = this.events[index]!;
    switch (event.type) {
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        return this.base + event.start;
      case EVENT_ID.SCALAR:
        return this.base + (event.valueStart < 0 ? 0 : this.scalarStart(event));
      case EVENT_ID.ALIAS:
        return this.base + event.anchorStart - 1;
      default:
        return this.base;
    }
  }

  private decodeNode(index: number): unknown {
    const event = this.events[index]!;
    if (++this.depth > MAX_DECODE_DEPTH)
      throw new DecodeFailure(this.startOf(index), 'document is nested too deeply');
    let value: unknown;
    switch (event.type) {
      case EVENT_ID.SCALAR:
        value = this.decodeScalar(event, index);
        break;
      case EVENT_ID.MAPPING:
        value = this.decodeMapping(index, undefined, undefined, false);
        this.lastScalar = false;
        break;
      case EVENT_ID.SEQUENCE:
        value = this.decodeSequence(index);
        this.lastScalar = false;
        break;
      case EVENT_ID.ALIAS:
        value = this.decodeAlias(index);
        break;
      default:
        throw new DecodeFailure(this.base, 'unexpected YAML event');
    }
    this.depth--;
    return value;
  }

  private decodeAlias(index: number): unknown {
    const event = this.events[index] as Extract<Event, { type: 5 }>;
    const start = this.base + event.anchorStart - 1;
    const end = this.base + event.anchorEnd;
    const name = this.part.slice(event.anchorStart, event.anchorEnd);
    this.count(start);
    const target = this.aliasTarget[index]!;
    if (target < 0) throw new DecodeFailure(start, `unknown anchor '${name}' referenced`);
    if (this.expanding.has(index)) throw new DecodeFailure(start, `anchor '${name}' value contains itself`);
    this.expanding.add(index);
    this.aliasDepth++;
    const value = this.decodeNode(target);
    this.aliasDepth--;
    this.expanding.delete(index);
    // The expanded node, fresh from this decoding, is placed where the alias is written (its children stay).
    this.table.place(this.node, start, end);
    this.nodeStart = start;
    this.nodeEnd = end;
    this.next = index + 1;
    return value;
  }

  private tagOf(event: { tagStart: number; tagEnd: number }): string {
    if (event.tagStart < 0) return '';
    const raw = this.part.slice(event.tagStart, event.tagEnd);
    if (raw.startsWith('!<')) return decodeUriEscapes(raw.slice(2, -1));
    if (raw === '!') return '!';
    const second = raw.indexOf('!', 1);
    const handle = second === -1 ? '!' : raw.slice(0, second + 1);
    const suffix = second === -1 ? raw.slice(1) : raw.slice(second + 1);
    const prefix = this.handles.get(handle);
    if (prefix === undefined)
      throw new DecodeFailure(this.base + event.tagStart, `found undefined tag handle ${handle}`);
    return prefix + decodeUriEscapes(suffix);
  }

  private decodeScalar(event: ScalarEvent, index: number): unknown {
    const empty = event.valueStart < 0;
    const start = this.base + (empty ? this.emptyStart(index) : this.scalarStart(event));
    this.count(start);
    const text = empty ? '' : getScalarValue(this.part, event);
    const tag = this.tagOf(event);
    const resolved = this.resolved;
    if (tag === '') {
      if (event.style === STYLE_PLAIN) resolvePlain(text, resolved);
      else {
        resolved.kind = 'string';
        resolved.value = text;
        resolved.integer = undefined;
        resolved.error = undefined;
      }
    } else {
      // A `!` tag makes a plain scalar implicit again (parserc.go plain_implicit), but resolve("!", …) keeps text.
      resolveTagged(tag, text, event.style === STYLE_PLAIN, resolved);
    }
    if (resolved.error !== undefined) throw new DecodeFailure(start, resolved.error);
    const value = resolved.kind === 'string' ? intern(resolved.value as string) : resolved.value;
    if (resolved.kind === 'float' && !this.decodingKey && !Number.isFinite(value as number))
      throw new DecodeFailure(
        start,
        `\`${text}\` is not a JSON number: kubectl refuses the document (json: unsupported value: ${value})`,
      );
    if (resolved.kind === 'string' && !this.helmTemplate && (value as string).length > 4) {
      if ((value as string).includes('{{') && hasHelmAction(value as string)) this.helmTemplate = true;
    }
    this.lastScalar = true;
    this.lastKind = resolved.kind;
    this.lastInteger = resolved.integer;
    this.lastValue = value;
    const end = empty ? undefined : this.base + scalarEnd(event);
    this.nodeStart = start;
    this.nodeEnd = end;
    this.node = this.keyScalar ? -1 : this.table.leaf(start, end);
    this.next = index + 1;
    return value;
  }

  /** An empty scalar sits where its parent's last child ended (or at the parent's start). */
  private emptyStart(index: number): number {
    for (let previous = index - 1; previous >= 0; previous--) {
      const event = this.events[previous]!;
      if (event.type === EVENT_ID.SCALAR && event.valueStart >= 0) return scalarEnd(event);
      if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) return event.start + 1;
      if (event.type === EVENT_ID.ALIAS) return event.anchorEnd;
      if (event.type === EVENT_ID.DOCUMENT) return 0;
    }
    return 0;
  }

  private scalarStart(event: ScalarEvent): number {
    if (event.style === STYLE_SINGLE_QUOTED || event.style === STYLE_DOUBLE_QUOTED)
      return event.valueStart - 1;
    if (event.style === STYLE_LITERAL || event.style === STYLE_FOLDED)
      return blockScalarStart(this.part, event.valueStart);
    return event.valueStart;
  }

  private isMergeKey(event: Event): boolean {
    if (event.type !== EVENT_ID.SCALAR || event.valueStart < 0) return false;
    // decode.go isMerge: value "<<" and implicit (plain, no tag or the `!` tag) or tagged !!merge.
    if (event.valueEnd - event.valueStart !== 2) return false;
    if (getScalarValue(this.part, event) !== '<<') return false;
    if (event.tagStart < 0) return event.style === STYLE_PLAIN;
    const tag = this.tagOf(event);
    return tag === MERGE_TAG || (tag === '!' && event.style === STYLE_PLAIN);
  }

  /**
   * A mapping at `index`, decoded into `target` (a merge) or a new object. `fromMerge` marks writes as coming from
   * a merge into the target map.
   */
  private decodeMapping(
    index: number,
    target: Record<string, unknown> | undefined,
    targetMark: number | undefined,
    fromMerge: boolean,
    targetState?: MapState,
  ): Record<string, unknown> {
    const events = this.events;
    const event = events[index] as Extract<Event, { type: 3 }>;
    const start = this.base + event.start;
    this.count(start);
    const object: Record<string, unknown> = target ?? {};
    // The entries of a merged map are children of the map merged into.
    const mark = targetMark ?? this.table.mark();
    const state: MapState = targetState ?? { kinds: undefined, merged: undefined };
    let lastEnd = start + 1;
    let cursor = index + 1;
    while (events[cursor]!.type !== EVENT_ID.POP) {
      const keyEvent = events[cursor]!;
      if (this.isMergeKey(keyEvent)) {
        const valueIndex = cursor + 1;
        state.merged ??= new Set();
        const outerMerge = this.mergeKeyOffset;
        if (!fromMerge) this.mergeKeyOffset = this.startOf(cursor);
        this.merge(valueIndex, object, mark, state);
        this.mergeKeyOffset = outerMerge;
        cursor = this.endOf[valueIndex]!;
        lastEnd = Math.max(lastEnd, this.nodeEnd ?? this.nodeStart);
        continue;
      }
      const keyOffset = this.startOf(cursor);
      this.decodingKey = true;
      this.keyScalar = true;
      this.decodeNode(cursor);
      this.decodingKey = false;
      this.keyScalar = false;
      if (!this.lastScalar)
        throw new DecodeFailure(keyOffset, 'invalid map key: a mapping or sequence used as a key');
      const keyStart = this.nodeStart;
      const keyEnd = this.nodeEnd;
      const kind = this.lastKind;
      const jsonKey =
        kind === 'string' ? (this.lastValue as string) : jsonKeyOf(kind, this.lastValue, this.lastInteger);
      if (typeof jsonKey !== 'string')
        throw new DecodeFailure(keyOffset, `${jsonKey.error} (kubectl refuses it)`);
      if (kind === 'string' && !this.helmTemplate && jsonKey.includes('{{') && hasHelmAction(jsonKey))
        this.helmTemplate = true;
      cursor = this.next;
      const value = this.decodeNode(cursor);
      const node = this.node;
      cursor = this.next;
      // The entry's node is its value's, placed from the key to the end of the value.
      const valueEnd = this.nodeEnd ?? keyEnd;
      const end = valueEnd === undefined ? undefined : Math.max(valueEnd, keyStart);
      this.table.place(node, keyStart, end);
      lastEnd = Math.max(lastEnd, end ?? keyStart);
      this.set(object, mark, state, jsonKey, kind, value, node, keyStart, fromMerge);
    }
    this.next = cursor + 1;
    if (targetMark === undefined) {
      const end = event.style === FLOW ? flowEnd(this.part, lastEnd - this.base, '}') + this.base : lastEnd;
      this.nodeStart = start;
      this.nodeEnd = end;
      this.node = this.table.container('map', mark, start, end);
    }
    return object;
  }

  private set(
    object: Record<string, unknown>,
    mark: number,
    state: MapState,
    key: string,
    kind: GoKind,
    value: unknown,
    node: number,
    nodeStart: number,
    fromMerge: boolean,
  ): void {
    if (Object.hasOwn(object, key)) {
      const previousKind = state.kinds?.get(key) ?? 'string';
      const previous = this.table.lastWith(mark, key);
      const where = previous >= 0 ? ` (first at line ${this.lineOf(this.table.start(previous))})` : '';
      if (previousKind !== kind) {
        this.issues.push({
          level: 'error',
          offset: nodeStart,
          message: `keys of different YAML types (${previousKind} and ${kind}) both become the JSON key "${key}"${where}: kubectl keeps one of them at random`,
        });
      } else if (!fromMerge) {
        if (!state.merged?.has(key))
          this.issues.push({ level: 'note', offset: nodeStart, message: duplicateKeyNote(key, where) });
      } else if (!state.merged?.has(key)) {
        this.issues.push({
          level: 'note',
          offset: this.mergeKeyOffset,
          message: `the merge key << overrides "${key}" set above${where}: kubectl (go-yaml v2) applies the merged value, most other YAML tools keep the explicit one`,
        });
      }
    }
    if (kind !== 'string') {
      state.kinds ??= new Map();
      state.kinds.set(key, kind);
    } else state.kinds?.delete(key);
    if (state.merged) {
      if (fromMerge) state.merged.add(key);
      else state.merged.delete(key);
    }
    if (key === '__proto__')
      Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
    else object[key] = value;
    this.table.push(key, node);
  }

  /** decode.go `merge`: the value of a `<<` key, merged into `object`. */
  private merge(index: number, object: Record<string, unknown>, mark: number, state: MapState): void {
    const event = this.events[index]!;
    const offset = this.startOf(index);
    const fail = (): never => {
      throw new DecodeFailure(offset, 'map merge requires map or sequence of maps as the value');
    };
    const mergeOne = (itemIndex: number): void => {
      const item = this.events[itemIndex]!;
      if (item.type === EVENT_ID.MAPPING) {
        this.decodeMapping(itemIndex, object, mark, true, state);
      } else if (item.type === EVENT_ID.ALIAS) {
        const target = this.aliasTarget[itemIndex]!;
        const name = this.part.slice(item.anchorStart, item.anchorEnd);
        const start = this.startOf(itemIndex);
        this.count(start);
        if (target < 0) throw new DecodeFailure(start, `unknown anchor '${name}' referenced`);
        if (this.events[target]!.type !== EVENT_ID.MAPPING) fail();
        if (this.expanding.has(itemIndex))
          throw new DecodeFailure(start, `anchor '${name}' value contains itself`);
        this.expanding.add(itemIndex);
        this.aliasDepth++;
        this.decodeMapping(target, object, mark, true, state);
        this.aliasDepth--;
        this.expanding.delete(itemIndex);
      } else fail();
    };
    if (event.type === EVENT_ID.SEQUENCE) {
      const items: number[] = [];
      for (let cursor = index + 1; this.events[cursor]!.type !== EVENT_ID.POP; cursor = this.endOf[cursor]!)
        items.push(cursor);
      // Step backwards, as earlier nodes take precedence (decode.go).
      for (let item = items.length - 1; item >= 0; item--) mergeOne(items[item]!);
    } else mergeOne(index);
    this.nodeStart = offset;
    this.nodeEnd = offset;
  }

  private decodeSequence(index: number): unknown[] {
    const events = this.events;
    const event = events[index] as Extract<Event, { type: 2 }>;
    const start = this.base + event.start;
    this.count(start);
    const values: unknown[] = [];
    const mark = this.table.mark();
    let lastEnd = start + 1;
    let cursor = index + 1;
    while (events[cursor]!.type !== EVENT_ID.POP) {
      values.push(this.decodeNode(cursor));
      this.table.push(undefined, this.node);
      lastEnd = Math.max(lastEnd, this.nodeEnd ?? this.nodeStart);
      cursor = this.next;
    }
    this.next = cursor + 1;
    const end = event.style === FLOW ? flowEnd(this.part, lastEnd - this.base, ']') + this.base : lastEnd;
    this.nodeStart = start;
    this.nodeEnd = end;
    this.node = this.table.container('sequence', mark, start, end);
    return values;
  }
}

/** The note a duplicate key gets (`where`: " (first at line N)" or ""). */
export function duplicateKeyNote(key: string, where: string): string {
  return `duplicate key "${key}"${where}: kubectl apply keeps this last value (go-yaml v2); kustomize and Flux refuse the file`;
}

/**
 * Where a block scalar whose content starts at `valueStart` starts: js-yaml points at the content; the node starts at
 * its `|` or `>` header on the line before.
 */
export function blockScalarStart(text: string, valueStart: number): number {
  const contentLine = text.lastIndexOf('\n', valueStart - 1);
  const headerLine = text.lastIndexOf('\n', contentLine - 1) + 1;
  const header = text.slice(headerLine, contentLine);
  const comment = header.search(/\s#/);
  const body = comment === -1 ? header : header.slice(0, comment);
  const indicator = Math.max(body.lastIndexOf('|'), body.lastIndexOf('>'));
  return indicator === -1 ? valueStart : headerLine + indicator;
}

/** Strings up to this length are interned: keys, kinds, apiVersions, labels and small values repeat. */
const MAX_INTERNED_LENGTH = 64;
/** Bound of the intern table, shared by every file read by the process (a long-running server included). */
const MAX_INTERNED = 100_000;
const interned = new Map<string, string>();

/**
 * One copy of each short string: `v1`, `app`, `http` repeat in every object, and each copy read from the text is
 * a string of its own (24 bytes or more).
 */
export function intern(text: string): string {
  return internedCopy(text) ?? text;
}

/** `intern` when the table holds `text` (or now does): its copy; undefined when `text` is too long or the table full. */
export function internedCopy(text: string): string | undefined {
  if (text.length > MAX_INTERNED_LENGTH) return undefined;
  const known = interned.get(text);
  if (known !== undefined) return known;
  if (interned.size >= MAX_INTERNED) return undefined;
  // A flat copy: a string cut from the file text may keep the whole text alive, which the table must not.
  const copy = text.length >= 13 ? Buffer.from(text, 'utf8').toString('utf8') : text;
  interned.set(copy, copy);
  return copy;
}

function scalarEnd(event: ScalarEvent): number {
  if (event.style === STYLE_SINGLE_QUOTED || event.style === STYLE_DOUBLE_QUOTED) return event.valueEnd + 1;
  return event.valueEnd;
}

/** End of a flow collection: its closing bracket, after the last child (or the opening one). */
function flowEnd(text: string, from: number, closing: string): number {
  const index = text.indexOf(closing, from);
  return index === -1 ? from : index + 1;
}

/** Tag URI escapes (`%21`) as libyaml decodes them. */
function decodeUriEscapes(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
