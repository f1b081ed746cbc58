import { EVENT_ID, type Event, parseEvents } from 'js-yaml';
import { lazyRequire } from '../lazyRequire.js';
import type { SkippedInput } from '../model/coverage.js';
import type { LoadIssue } from '../model/inventory.js';
import type { SourceDocument } from './document.js';
import { jsonPositionTree } from './jsonPositions.js';
import { bindDocuments, linePosition, lineStartsOf, type ParsedDocument, PositionTree } from './positions.js';
import { PositionTableBuilder } from './positionTable.js';
import { type DecodedDocument, type DecodeIssue, decodeEvents } from './yaml/decode.js';
import { FastYamlReader, fastReadable } from './yaml/fastRead.js';
import { type DocumentPart, splitLikeKubectl } from './yaml/kubectlSplit.js';
import { blankTemplateActions, hasTemplateAction } from './yaml/templates.js';

/** The `yaml` package, for its diagnostics only: loaded when a part does not parse. */
const yamlPackage = lazyRequire<typeof import('yaml')>('yaml');

/**
 * The reader when the options name none: `AKSGUARD_YAML_READER=events` runs the event decoder alone, so a test suite
 * can be run through either path (the fidelity suites are, in `test/load/readers.test.ts`).
 */
const DEFAULT_READER: 'fast' | 'events' = process.env.AKSGUARD_YAML_READER === 'events' ? 'events' : 'fast';

/** Documents read from one file unless `--max-documents` says otherwise: generous, yet far from a flood. */
export const DEFAULT_MAX_DOCUMENTS = 100_000;
/** Nesting depth the parser accepts (deeper documents are refused, not read recursively without bound). */
const MAX_DEPTH = 1000;

export interface YamlReadOptions {
  /** Documents (`---`-separated parts, empty ones included) read from one file; more refuses the file. */
  maxDocuments?: number;
  /**
   * `fast` (default): the one-pass reader (`yaml/fastRead.ts`) with js-yaml's event parser and `yaml/decode.ts` as
   * the fall-back for each part it does not take; `events`: the event decoder alone (the differential tests).
   */
  reader?: 'fast' | 'events';
  /** Filled in with how many documents each reader read (for the benchmark and the differential test). */
  readerTally?: ReaderTally;
}

export interface ReaderTally {
  /** Documents the fast reader read. */
  fast: number;
  /** Documents the event decoder read (parts the fast reader gave up, or every part with `reader: 'events'`). */
  events: number;
}

export interface ParsedFile {
  documents: SourceDocument[];
  issues: LoadIssue[];
  /** Set when the file is an unrendered template, for the report's coverage. */
  skipped?: SkippedInput;
}

/**
 * Reads a YAML stream (JSON is YAML) the way `kubectl apply -f` does, into documents that keep positions:
 * parts cut as kubectl's YAMLReader cuts them (`yaml/kubectlSplit.ts`), each parsed by js-yaml's event parser and
 * decoded by the go-yaml v2 rules (`yaml/decode.ts`, `yaml/goResolve.ts`). A broken part becomes an issue naming
 * its line and column; the other parts of the file are kept. Helm templates are skipped (see `yaml/templates.ts`).
 */
export function parseYamlFile(file: string, input: string, options: YamlReadOptions = {}): ParsedFile {
  return bindYamlRead(file, readYamlFile(file, input, options));
}

/** What reading a file gives before its documents are bound to it: plain data (a worker can send it). */
export interface YamlRead {
  documents: ParsedDocument[];
  issues: LoadIssue[];
  skipped?: SkippedInput;
  /** Line starts of the text the offsets are in. */
  lineStarts: Uint32Array;
}

/** The documents of a read file, bound to it for locating paths. */
export function bindYamlRead(file: string, read: YamlRead): ParsedFile {
  const result: ParsedFile = {
    documents: bindDocuments(file, read.lineStarts, read.documents),
    issues: read.issues,
  };
  if (read.skipped) result.skipped = read.skipped;
  return result;
}

/** `parseYamlFile` without binding: documents with their positions, issues, the file's line starts. */
export function readYamlFile(file: string, input: string, options: YamlReadOptions = {}): YamlRead {
  // kubectl's FileVisitor drops a UTF-8 byte-order mark at the start of the stream (unicode.BOMOverride).
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const json = parseJsonFile(text);
  if (json) return { documents: json, issues: [], lineStarts: lineStartsOf(text) };
  const maxDocuments = options.maxDocuments ?? DEFAULT_MAX_DOCUMENTS;
  let source = moveLineStartBoms(text);
  let read = readParts(file, source, maxDocuments, options);
  if (read.flowTabLines.length > 0) {
    source = relaxFlowTabs(source, read.flowTabLines);
    const lines = read.flowTabLines;
    read = readParts(file, source, maxDocuments, options);
    for (const line of lines)
      read.issues.push({
        level: 'note',
        file,
        line,
        message:
          'tab indentation inside a flow collection, which YAML 1.2 forbids; accepted as kubectl (go-yaml) does',
      });
  }
  const result: YamlRead = {
    documents: read.documents,
    issues: read.issues,
    lineStarts: read.lineStarts ?? lineStartsOf(source),
  };
  if (read.templateLine !== undefined) {
    result.issues.push({
      level: 'note',
      file,
      line: read.templateLine,
      message:
        'looks like a Helm or Go template ({{ }}), which is not valid YAML until rendered; skipped. Scan the output of `helm template` instead',
    });
    result.skipped = {
      path: file,
      category: 'unrendered-template',
      reason:
        'a Helm or Go template ({{ }}): not valid YAML until rendered; scan its chart or the output of `helm template`',
      significant: true,
    };
  }
  return result;
}

interface PartsRead {
  documents: ParsedDocument[];
  issues: LoadIssue[];
  /** Lines (1-based) of flow collections indented with tabs, which go-yaml accepts and js-yaml does not. */
  flowTabLines: number[];
  /** Line of the first document skipped as an unrendered template. */
  templateLine: number | undefined;
  /** Line starts of the text read (unset when it was refused before reading). */
  lineStarts?: Uint32Array;
}

function readParts(file: string, text: string, maxDocuments: number, options: YamlReadOptions): PartsRead {
  const read: PartsRead = { documents: [], issues: [], flowTabLines: [], templateLine: undefined };
  const split = splitLikeKubectl(text, maxDocuments);
  if ('tooMany' in split) {
    read.issues.push({
      level: 'error',
      file,
      message: `more than ${split.limit} YAML documents in one file, over the limit (raise it with --max-documents); the file is not read`,
    });
    return read;
  }
  // The split's line starts are the lines `lineStartsOf` counts unless a CR alone also breaks a line.
  const lineStarts = text.includes('\r') ? lineStartsOf(text) : split.lineStarts;
  read.lineStarts = lineStarts;
  const position = (offset: number) => linePosition(lineStarts, offset);
  const lineOf = (offset: number) => position(offset).line;
  let index = 0;
  const issueAt = (level: 'error' | 'note', offset: number, message: string): LoadIssue => {
    const { line, column } = position(offset);
    return { level, file, line, column, message };
  };
  const addIssues = (issues: readonly DecodeIssue[]): void => {
    // Most parts have none: no set made for them.
    if (issues.length === 0) return;
    const seen = new Set<string>();
    for (const issue of issues) {
      const key = `${issue.offset}\u0000${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      read.issues.push(
        issueAt(
          issue.level,
          issue.offset,
          issue.level === 'error' ? `invalid YAML: ${issue.message}` : issue.message,
        ),
      );
    }
  };
  const tally = options.readerTally;
  const addDocument = (document: DecodedDocument, secondInPart: boolean, byFastReader = false): void => {
    if (tally) {
      if (byFastReader) tally.fast++;
      else tally.events++;
    }
    if (document.helmTemplate) {
      read.templateLine ??= lineOf(document.offset);
      return;
    }
    if (secondInPart) read.issues.push(issueAt('note', document.offset, SECOND_IN_PART));
    read.documents.push({ index: index++, value: document.value, tree: document.tree });
  };

  // The fast reader takes the parts it can; the others are read by the event decoder as below would read them.
  const fast =
    (options.reader ?? DEFAULT_READER) === 'events' ? undefined : readFast(text, split.parts, lineOf);
  if (fast) {
    // The parts the fast reader gave up are parsed by js-yaml, each on its own.
    const fallbacks = new Map<
      number,
      { part: DocumentPart; partText: string; events?: Event[]; error?: unknown }
    >();
    fast.forEach((read, partIndex) => {
      if (read) return;
      const part = split.parts[partIndex]!;
      const partText = text.slice(part.start, part.end);
      try {
        fallbacks.set(partIndex, { part, partText, events: parseEvents(partText, { maxDepth: MAX_DEPTH }) });
      } catch (error) {
        fallbacks.set(partIndex, { part, partText, error });
      }
    });
    // When every part parses, the whole-stream parse below would have read them: decoded as it decodes them (offsets
    // in the whole text), every part's issues before the documents. Unless a decoding error meets a template action.
    if ([...fallbacks.values()].every((fallback) => fallback.events)) {
      const decoded = new Map<number, { documents: DecodedDocument[]; issues: DecodeIssue[] }>();
      for (const [partIndex, { part, events }] of fallbacks) {
        shiftEvents(events!, part.start);
        decoded.set(partIndex, decodeEvents(text, 0, events!, lineOf));
        shiftEvents(events!, -part.start);
      }
      const decodeError = [...decoded.values()].some((output) =>
        output.issues.some((issue) => issue.level === 'error'),
      );
      if (!(decodeError && hasTemplateAction(text))) {
        fast.forEach((part, partIndex) => {
          addIssues(part ? part.issues : decoded.get(partIndex)!.issues);
        });
        fast.forEach((part, partIndex) => {
          if (part) {
            if (part.document) addDocument(part.document, false, true);
            return;
          }
          decoded.get(partIndex)!.documents.forEach((document, position) => {
            addDocument(document, position > 0);
          });
        });
        return read;
      }
    }
    fast.forEach((part, partIndex) => {
      if (part) {
        addIssues(part.issues);
        if (part.document) addDocument(part.document, false, true);
        return;
      }
      const fallback = fallbacks.get(partIndex)!;
      const { part: range, partText } = fallback;
      const outcome: PartOutcome = fallback.events
        ? { kind: 'documents', ...decodeEvents(partText, range.start, fallback.events, lineOf) }
        : diagnose(partText, range.start, fallback.error);
      readPartOutcome(range, partText, readPart(partText, range, lineOf, outcome));
    });
    return read;
  }

  // The event decoder alone (AKSGUARD_YAML_READER=events): the whole stream in one parse. YAML's document markers
  // cut where kubectl's `---` lines do; what differs (`...`, CR-only line ends) is told per document below. Any parse
  // error, or a decoding error in a file that holds template actions, reads the parts one by one instead (errors
  // then stay in their part).
  const whole = parseWhole(text, lineOf);
  if (whole) {
    const partOf = partIndexer(split.parts);
    let previousPart = -1;
    addIssues(whole.issues);
    for (const document of whole.documents) {
      const part = partOf(document.offset);
      addDocument(document, part === previousPart);
      previousPart = part;
    }
    return read;
  }

  for (const part of split.parts) {
    const partText = text.slice(part.start, part.end);
    readPartOutcome(part, partText, readPart(partText, part, lineOf));
  }
  return read;

  function readPartOutcome(part: DocumentPart, partText: string, outcome: PartOutcome): void {
    if (outcome.kind === 'template') {
      read.templateLine ??= lineOf(part.start + firstContentOffset(partText));
      return;
    }
    if (outcome.kind === 'flowTabs') {
      read.flowTabLines.push(...outcome.lines.map((line) => line + lineOf(part.start) - 1));
      return;
    }
    if (outcome.kind === 'error') {
      read.issues.push(issueAt('error', outcome.offset, `invalid YAML: ${outcome.message}`));
      return;
    }
    addIssues(outcome.issues);
    outcome.documents.forEach((document, position) => {
      addDocument(document, position > 0);
    });
  }
}

const SECOND_IN_PART =
  'a second document in the same `---`-separated part (after `...`, or with line breaks that are only CR): kubectl apply reads only the first one of each part, so this one is not applied';

/** The whole stream parsed and decoded at once, or undefined when the parts must be read one by one. */
function parseWhole(
  text: string,
  lineOf: (offset: number) => number,
): { documents: DecodedDocument[]; issues: DecodeIssue[] } | undefined {
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH });
  } catch {
    return undefined;
  }
  const decoded = decodeEvents(text, 0, events, lineOf);
  if (decoded.issues.some((issue) => issue.level === 'error') && hasTemplateAction(text)) return undefined;
  return decoded;
}

/**
 * Each part read by the fast reader (undefined where it gave up), its documents' position tables built together;
 * undefined when the whole text is left to the event decoder (a directive line: `%TAG` applies across parts there).
 */
function readFast(
  text: string,
  parts: readonly DocumentPart[],
  lineOf: (offset: number) => number,
): (FastRead | undefined)[] | undefined {
  if (text.charCodeAt(0) === 37 || text.includes('\n%')) return undefined;
  const anyOutside = !fastReadable(text);
  const builder = new PositionTableBuilder();
  const reader = new FastYamlReader(text, builder, lineOf);
  const reads = parts.map((part) =>
    anyOutside && !fastReadable(text, part.start, part.end)
      ? undefined
      : reader.readPart(part.start, part.end),
  );
  const roots: number[] = [];
  for (const part of reads) if (part?.document) roots.push(part.document.root);
  const tables = builder.finish(roots);
  let table = 0;
  return reads.map((part) => {
    if (!part) return undefined;
    const fast = part.document;
    if (!fast) return { document: undefined, issues: part.issues };
    const document: DecodedDocument = {
      value: fast.value,
      tree: tables[table++]!,
      offset: fast.offset,
      helmTemplate: fast.helmTemplate,
    };
    return { document, issues: part.issues };
  });
}

interface FastRead {
  document: DecodedDocument | undefined;
  issues: DecodeIssue[];
}

/** Moves the offsets of a part's events by `by` (part-relative to whole-text offsets and back). */
function shiftEvents(events: Event[], by: number): void {
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        event.start += by;
        break;
      case EVENT_ID.SCALAR:
        if (event.valueStart >= 0) {
          event.valueStart += by;
          event.valueEnd += by;
        }
        break;
      default:
        break;
    }
    if (event.type === EVENT_ID.DOCUMENT || event.type === EVENT_ID.POP) continue;
    if (event.anchorStart >= 0) {
      event.anchorStart += by;
      event.anchorEnd += by;
    }
    if (event.type !== EVENT_ID.ALIAS && event.tagStart >= 0) {
      event.tagStart += by;
      event.tagEnd += by;
    }
  }
}

/** Index of the part holding an offset (parts are in order). */
function partIndexer(parts: readonly DocumentPart[]): (offset: number) => number {
  return (offset) => {
    let low = 0;
    let high = parts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (parts[middle]!.start <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  };
}

type PartOutcome =
  | { kind: 'documents'; documents: DecodedDocument[]; issues: DecodeIssue[] }
  | { kind: 'error'; offset: number; message: string }
  | { kind: 'template' }
  | { kind: 'flowTabs'; lines: number[] };

/** Parses and decodes one part; a part that only reads once its `{{ }}` actions are blanked is a template. */
function readPart(
  partText: string,
  part: DocumentPart,
  lineOf: (offset: number) => number,
  outcome = parsePart(partText, part.start, lineOf),
): PartOutcome {
  const failed =
    outcome.kind === 'error' ||
    (outcome.kind === 'documents' && outcome.issues.some((issue) => issue.level === 'error'));
  if (failed && hasTemplateAction(partText)) {
    const blanked = parsePart(blankTemplateActions(partText), part.start, lineOf);
    if (blanked.kind === 'documents' && !blanked.issues.some((issue) => issue.level === 'error'))
      return { kind: 'template' };
  }
  return outcome;
}

function parsePart(partText: string, base: number, lineOf: (offset: number) => number): PartOutcome {
  let events: Event[];
  try {
    events = parseEvents(partText, { maxDepth: MAX_DEPTH });
  } catch (error) {
    return diagnose(partText, base, error);
  }
  const decoded = decodeEvents(partText, base, events, lineOf);
  return { kind: 'documents', documents: decoded.documents, issues: decoded.issues };
}

/**
 * Why js-yaml refused a part: the `yaml` package's reading gives the clearest message and position, and tells the
 * one form go-yaml accepts that both refuse (a flow collection line indented with tabs).
 */
function diagnose(partText: string, base: number, error: unknown): PartOutcome {
  // Too deep to read: said as is (the `yaml` package would recurse through it).
  if (error instanceof RangeError || /maxDepth/.test(jsYamlMessage(error)))
    return { kind: 'error', offset: base + jsYamlOffset(error), message: 'document is nested too deeply' };
  let documents: ReturnType<typeof import('yaml').parseAllDocuments>;
  try {
    documents = yamlPackage().parseAllDocuments(partText, { prettyErrors: false, uniqueKeys: false });
  } catch {
    return { kind: 'error', offset: base + jsYamlOffset(error), message: jsYamlMessage(error) };
  }
  const list = Array.isArray(documents) ? documents : [];
  const starts = lineStartsOf(partText);
  const flowTabLines = new Set<number>();
  let first: { offset: number; message: string } | undefined;
  for (const document of list)
    for (const problem of document.errors) {
      const { line } = linePosition(starts, problem.pos[0]);
      if (
        problem.code === 'BAD_INDENT' &&
        /flow/i.test(problem.message) &&
        partText.charCodeAt(starts[line - 1]!) === 9
      ) {
        flowTabLines.add(line);
        continue;
      }
      first ??= { offset: base + problem.pos[0], message: problem.message.split('\n')[0]!.trim() };
    }
  // Relaxing those lines and reading again tells whether anything else is wrong.
  if (flowTabLines.size > 0) return { kind: 'flowTabs', lines: [...flowTabLines].sort((a, b) => a - b) };
  if (first) return { kind: 'error', ...first };
  return { kind: 'error', offset: base + jsYamlOffset(error), message: jsYamlMessage(error) };
}

function jsYamlOffset(error: unknown): number {
  const position = (error as { mark?: { position?: number } } | undefined)?.mark?.position;
  return typeof position === 'number' ? position : 0;
}

function jsYamlMessage(error: unknown): string {
  if (error instanceof RangeError) return 'document is nested too deeply';
  const reason = (error as { reason?: unknown } | undefined)?.reason;
  if (typeof reason === 'string' && reason) return reason;
  return error instanceof Error ? error.message.split('\n')[0]!.trim() : String(error);
}

function firstContentOffset(text: string): number {
  const match = /[^\s-]/.exec(text);
  return match ? match.index : 0;
}

/**
 * Plain JSON (kubectl -o json, az, ARM, plan JSON) read with JSON.parse and a one-pass position scan, many times
 * faster than the YAML parser. kubectl reads a stream that starts with `{` as JSON too. Anything else (YAML, JSON
 * with comments) returns undefined.
 */
function parseJsonFile(text: string): ParsedDocument[] | undefined {
  const first = /\S/.exec(text.length > 4096 ? text.slice(0, 4096) : text)?.[0];
  if (first !== '{' && first !== '[') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const tree = jsonPositionTree(text);
  if (!tree) return undefined;
  return value === null ? [] : [{ index: 0, value, tree: new PositionTree(tree) }];
}

/**
 * libyaml skips a byte-order mark that starts a line (scannerc.go "Allow the BOM mark to start a line"), so kubectl
 * reads a BOM at the start of any document of a stream. js-yaml reads it as text: it is moved to the end of its line
 * as a space, keeping every offset and line.
 */
function moveLineStartBoms(text: string): string {
  if (!text.includes('\ufeff')) return text;
  let out = '';
  let last = 0;
  for (let index = text.indexOf('\ufeff'); index !== -1; index = text.indexOf('\ufeff', index + 1)) {
    const previous = text.charCodeAt(index - 1);
    if (index !== 0 && previous !== 10 && previous !== 13) continue;
    let lineEnd = index + 1;
    while (lineEnd < text.length && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13)
      lineEnd++;
    out += text.slice(last, index) + text.slice(index + 1, lineEnd) + ' ';
    last = lineEnd;
    index = lineEnd - 1;
  }
  return out + text.slice(last);
}

/**
 * go-yaml, which kubectl uses, accepts a flow-collection line indented with tabs (`args: [\n\t"-jar",`);
 * YAML 1.2, js-yaml and the `yaml` package reject it as badly indented. The lines reported exactly that on, and
 * that start with a tab, get spaces instead (line numbers unchanged). Tab indentation in block context stays an
 * error, as it is for go-yaml too.
 */
function relaxFlowTabs(text: string, lines: readonly number[]): string {
  const relaxed = new Set(lines);
  return text
    .split('\n')
    .map((content, index) =>
      relaxed.has(index + 1) ? content.replace(/^\t+/, (tabs) => ' '.repeat(tabs.length * 8)) : content,
    )
    .join('\n');
}
