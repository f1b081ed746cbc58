import { CORE_SCHEMA, constructFromEvents, EVENT_ID, type Event, getScalarValue, parseEvents } from 'js-yaml';
import type { ParsedDocument, PositionNode } from './positions.js';

const STYLE_SINGLE_QUOTED = 2;
const STYLE_DOUBLE_QUOTED = 3;
const STYLE_LITERAL = 4;
const STYLE_FOLDED = 5;
const FLOW = 2;

interface Frame {
  kind: 'document' | 'mapping' | 'sequence';
  node: PositionNode | undefined;
  flow: boolean;
  /** In a mapping: the next child is a key. */
  expectKey: boolean;
  /** The pending key of a mapping entry; undefined when the key cannot name a property (a collection key). */
  key: { name: string | undefined; start: number; end: number } | undefined;
  /** End of the last child seen, for block collections whose end the events do not give. */
  lastEnd: number;
}

/**
 * Parses a YAML stream with js-yaml's event parser: several times faster than the `yaml` package on
 * Kubernetes manifests. Positions are rebuilt from the events so that they equal the ones the `yaml` path
 * gives (a property test holds them equal). Returns undefined, so the caller uses the `yaml` path, for
 * anything that path must judge: syntax errors, duplicate keys, aliases (whose expansion it bounds), merge keys.
 */
export function parseYamlFast(text: string): ParsedDocument[] | undefined {
  // Merge keys are rare in manifests, and the two parsers differ on malformed ones: the yaml path decides.
  if (/(^|[\s{,[?-])(<<|"<<"|'<<')\s*:/m.test(text)) return undefined;
  let events: Event[];
  let values: unknown[];
  try {
    events = parseEvents(text, { maxDepth: 1000 });
    if (events.some((event) => event.type === EVENT_ID.ALIAS)) return undefined;
    // YAML 1.2 core schema, as the yaml path reads it.
    values = constructFromEvents(events, { source: text, schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
  const trees = positionTrees(text, events);
  if (trees.length !== values.length) return undefined;
  const documents: ParsedDocument[] = [];
  values.forEach((value, index) => {
    if (value === null || value === undefined) return;
    documents.push({ index, value, tree: trees[index] ?? { start: 0 } });
  });
  return documents;
}

function scalarStart(text: string, event: Extract<Event, { type: 4 }>): number {
  if (event.style === STYLE_SINGLE_QUOTED || event.style === STYLE_DOUBLE_QUOTED) return event.valueStart - 1;
  if (event.style === STYLE_LITERAL || event.style === STYLE_FOLDED) {
    // js-yaml points at the content; the node starts at its `|` or `>` header on the line before.
    const contentLine = text.lastIndexOf('\n', event.valueStart - 1);
    const headerLine = text.lastIndexOf('\n', contentLine - 1) + 1;
    const header = text.slice(headerLine, contentLine);
    const comment = header.search(/\s#/);
    const body = comment === -1 ? header : header.slice(0, comment);
    const indicator = Math.max(body.lastIndexOf('|'), body.lastIndexOf('>'));
    return indicator === -1 ? event.valueStart : headerLine + indicator;
  }
  return event.valueStart;
}

function scalarEnd(event: Extract<Event, { type: 4 }>): number {
  if (event.style === STYLE_SINGLE_QUOTED || event.style === STYLE_DOUBLE_QUOTED) return event.valueEnd + 1;
  return event.valueEnd;
}

/** End of a flow collection: its closing bracket, after the last child (or the opening one). */
function flowEnd(text: string, from: number, closing: string): number {
  const index = text.indexOf(closing, from);
  return index === -1 ? from : index + 1;
}

function positionTrees(text: string, events: readonly Event[]): (PositionNode | undefined)[] {
  const trees: (PositionNode | undefined)[] = [];
  const stack: Frame[] = [];

  const attach = (node: PositionNode, keyName: () => string | undefined, isCollection: boolean): void => {
    const frame = stack[stack.length - 1];
    if (!frame) return;
    if (frame.kind === 'document') {
      frame.node = node;
    } else if (frame.kind === 'sequence') {
      frame.node!.items?.push(node);
    } else if (frame.expectKey) {
      frame.key = {
        name: isCollection ? undefined : keyName(),
        start: node.start,
        end: node.end ?? node.start,
      };
      frame.expectKey = false;
    } else {
      const key = frame.key;
      frame.key = undefined;
      frame.expectKey = true;
      if (key?.name !== undefined) {
        const entries = frame.node!.entries!;
        // The first of duplicate keys wins, as in the `yaml` path (duplicates never reach here anyway).
        if (!(key.name in entries)) {
          node.start = key.start;
          if (node.end === undefined || node.end <= node.start) node.end = key.end;
          entries[key.name] = node;
        }
      }
    }
    if (node.end !== undefined) frame.lastEnd = Math.max(frame.lastEnd, node.end);
  };

  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        stack.push({
          kind: 'document',
          node: undefined,
          flow: false,
          expectKey: false,
          key: undefined,
          lastEnd: 0,
        });
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const node: PositionNode = { start: event.start };
        if (event.type === EVENT_ID.MAPPING) node.entries = Object.create(null);
        else node.items = [];
        attach(node, () => undefined, true);
        stack.push({
          kind: event.type === EVENT_ID.MAPPING ? 'mapping' : 'sequence',
          node,
          flow: event.style === FLOW,
          expectKey: event.type === EVENT_ID.MAPPING,
          key: undefined,
          lastEnd: event.start + 1,
        });
        break;
      }
      case EVENT_ID.SCALAR: {
        const empty = event.valueStart < 0;
        const start = empty ? (stack[stack.length - 1]?.lastEnd ?? 0) : scalarStart(text, event);
        const node: PositionNode = { start };
        if (!empty) node.end = scalarEnd(event);
        attach(node, () => getScalarValue(text, event), false);
        break;
      }
      case EVENT_ID.POP: {
        const frame = stack.pop();
        if (!frame) break;
        if (frame.kind === 'document') {
          trees.push(frame.node);
          break;
        }
        const node = frame.node!;
        node.end = frame.flow
          ? flowEnd(text, Math.max(frame.lastEnd, node.start + 1), frame.kind === 'mapping' ? '}' : ']')
          : frame.lastEnd;
        const parent = stack[stack.length - 1];
        if (parent) parent.lastEnd = Math.max(parent.lastEnd, node.end);
        break;
      }
      default:
        break;
    }
  }
  return trees;
}
