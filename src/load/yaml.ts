import { type Document, isCollection, parseAllDocuments, visit } from 'yaml';
import type { SkippedInput } from '../model/coverage.js';
import type { LoadIssue } from '../model/inventory.js';
import type { SourceDocument } from './document.js';
import { parseYamlFast } from './fastYaml.js';
import { jsonPositionTree } from './jsonPositions.js';
import {
  bindDocuments,
  linePosition,
  lineStartsOf,
  type ParsedDocument,
  positionTreeOf,
} from './positions.js';

/** Alias expansion budget per document: the `yaml` package refuses documents that expand more (billion laughs). */
export const MAX_ALIAS_COUNT = 1000;
/** Documents per file; a stream of millions of empty documents is refused rather than parsed. */
export const MAX_DOCUMENTS_PER_FILE = 20_000;

export interface ParsedFile {
  documents: SourceDocument[];
  issues: LoadIssue[];
  /** Set when the file is an unrendered template, for the report's coverage. */
  skipped?: SkippedInput;
}

/**
 * Parses a YAML stream (JSON is YAML) into documents that keep positions. A broken document becomes an issue
 * naming its line and column; the other documents of the file are kept.
 */
export function parseYamlFile(file: string, text: string): ParsedFile {
  const json = parseJsonFile(text);
  if (json) return { documents: bindDocuments(file, text, json), issues: [] };
  // js-yaml's event parser first; anything it declines (errors, duplicate keys, aliases) takes the yaml path.
  const fast = parseYamlFast(text);
  if (fast && fast.length <= MAX_DOCUMENTS_PER_FILE)
    return { documents: bindDocuments(file, text, fast), issues: [] };
  let parsed = parseWithYaml(file, text);
  let source = text;
  if (parsed.flowTabLines.length > 0) {
    source = relaxFlowTabs(text, parsed.flowTabLines);
    const lines = parsed.flowTabLines;
    parsed = parseWithYaml(file, source);
    for (const line of lines)
      parsed.issues.push({
        level: 'note',
        file,
        line,
        message:
          'tab indentation inside a flow collection, which YAML 1.2 forbids; accepted as kubectl (go-yaml) does',
      });
  }
  const result: ParsedFile = {
    documents: bindDocuments(file, source, parsed.documents),
    issues: parsed.issues,
  };
  if (parsed.templateSkipped)
    result.skipped = {
      path: file,
      category: 'unrendered-template',
      reason:
        'a Helm or Go template ({{ }}): not valid YAML until rendered; scan its chart or the output of `helm template`',
      significant: true,
    };
  return result;
}

/**
 * Plain JSON (kubectl -o json, az, ARM, plan JSON) read with JSON.parse and a one-pass position scan, many times
 * faster than the YAML parser. Anything else (YAML, JSON with duplicate keys or comments) returns undefined.
 */
function parseJsonFile(text: string): ParsedDocument[] | undefined {
  const first = /\S/.exec(text)?.[0];
  if (first !== '{' && first !== '[') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const tree = jsonPositionTree(text);
  if (!tree) return undefined;
  return value === null ? [] : [{ index: 0, value, tree }];
}

/**
 * go-yaml, which kubectl uses, accepts a flow-collection line indented with tabs (`args: [\n\t"-jar",`);
 * YAML 1.2 and the `yaml` package reject it as badly indented. The lines the parser reports exactly that on,
 * and that start with a tab, get spaces instead (line numbers unchanged). Tab indentation in block context
 * stays an error, as it is for go-yaml too.
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

/**
 * The reference parse with the `yaml` package: per-document errors with positions, the alias expansion limit,
 * merge keys. Also lists the lines of flow-collection indentation errors that start with a tab (see above).
 */
function parseWithYaml(
  file: string,
  text: string,
): { documents: ParsedDocument[]; issues: LoadIssue[]; flowTabLines: number[]; templateSkipped?: boolean } {
  const lineStarts = lineStartsOf(text);
  const positionOf = (offset: number) => linePosition(lineStarts, offset);
  const documents: ParsedDocument[] = [];
  const issues: LoadIssue[] = [];
  const flowTabLines = new Set<number>();
  let parsed: ReturnType<typeof parseAllDocuments>;
  try {
    // `merge: true`: kubectl's reader (go-yaml) expands `<<: *anchor` merge keys, so we do too.
    parsed = parseAllDocuments(text, {
      prettyErrors: false,
      uniqueKeys: true,
      merge: true,
      // What the input gets wrong is an issue naming file and line, never a Node warning on stderr.
      logLevel: 'error',
    });
  } catch (error) {
    issues.push({ level: 'error', file, message: `cannot parse: ${messageOf(error)}` });
    return { documents, issues, flowTabLines: [] };
  }
  // An empty stream parses to an EmptyStream, which is iterable but holds nothing.
  const list = Array.isArray(parsed) ? parsed : [];
  if (list.length > MAX_DOCUMENTS_PER_FILE) {
    issues.push({
      level: 'error',
      file,
      message: `${list.length} YAML documents in one file, over the limit of ${MAX_DOCUMENTS_PER_FILE}; skipped`,
    });
    return { documents, issues, flowTabLines: [] };
  }
  const templated = /\{\{[\s\S]*?\}\}/.test(text);
  let templateNoted = false;
  list.forEach((doc, index) => {
    for (const error of doc.errors) {
      if (error.code !== 'BAD_INDENT' || !/flow/i.test(error.message)) continue;
      const { line } = positionOf(error.pos[0]);
      if (text.charCodeAt(lineStarts[line - 1]!) === 9) flowTabLines.add(line);
    }
    const firstError = doc.errors[0];
    if (firstError) {
      if (templated) {
        if (!templateNoted) {
          templateNoted = true;
          issues.push({
            level: 'note',
            file,
            message:
              'looks like a Helm or Go template ({{ }}), which is not valid YAML until rendered; skipped. Scan the output of `helm template` instead',
          });
        }
        return;
      }
      const position = positionOf(firstError.pos[0]);
      issues.push({
        level: 'error',
        file,
        line: position.line,
        column: position.column,
        message: `invalid YAML: ${firstLine(firstError.message)}`,
      });
      return;
    }
    const badKey = collectionKeyOffset(doc);
    if (badKey !== undefined) {
      // sigs.k8s.io/yaml (kubectl, the API server) converts YAML to JSON and refuses a map key that is not a
      // scalar ("Unsupported map key"); the yaml package would stringify it instead.
      const position = positionOf(badKey);
      issues.push({
        level: 'error',
        file,
        line: position.line,
        column: position.column,
        message: 'invalid YAML: a mapping key is a sequence or a mapping, which kubectl cannot read; skipped',
      });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const start = doc.contents?.range?.[0] ?? 0;
      const position = positionOf(start);
      const message = messageOf(error);
      issues.push({
        level: 'error',
        file,
        line: position.line,
        column: position.column,
        message: /alias/i.test(message)
          ? `YAML aliases expand beyond the limit of ${MAX_ALIAS_COUNT} (a "billion laughs" document); skipped`
          : `cannot read document: ${firstLine(message)}`,
      });
      return;
    }
    if (value === null || value === undefined) return;
    // Keep only a compact position tree, not the syntax tree: a tenth of the memory on large inputs.
    documents.push({ index, value, tree: positionTreeOf(doc.contents) });
  });
  return {
    documents,
    issues,
    flowTabLines: [...flowTabLines].sort((a, b) => a - b),
    templateSkipped: templateNoted,
  };
}

/** Offset of the first mapping key that is a collection (`? [a, b]`), if any. */
function collectionKeyOffset(doc: Document): number | undefined {
  let offset: number | undefined;
  try {
    visit(doc, {
      Pair(_, pair) {
        if (!isCollection(pair.key)) return undefined;
        offset = pair.key.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
  } catch {
    // Too deep to walk: toJS reports it.
  }
  return offset;
}

function messageOf(error: unknown): string {
  if (error instanceof RangeError) return 'document is nested too deeply';
  return error instanceof Error ? error.message : String(error);
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
