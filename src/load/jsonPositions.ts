import type { PositionNode } from './positions.js';

class NotPlainJson extends Error {}

/**
 * The position tree of a JSON text, built by one linear scan (values themselves come from `JSON.parse`).
 * Gives the same tree as the YAML parser would for the same text, an order of magnitude faster. Returns
 * undefined for text this scanner does not take (duplicate keys, which the YAML path reports as errors).
 */
export function jsonPositionTree(text: string): PositionNode | undefined {
  let index = 0;
  const length = text.length;

  const skipSpace = (): void => {
    while (index < length) {
      const code = text.charCodeAt(index);
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return;
      index++;
    }
  };

  const skipString = (): string => {
    const start = index;
    index++; // opening quote
    while (index < length) {
      const code = text.charCodeAt(index);
      if (code === 0x5c) index += 2;
      else if (code === 0x22) {
        index++;
        return JSON.parse(text.slice(start, index)) as string;
      } else index++;
    }
    throw new NotPlainJson();
  };

  const valueAt = (start: number): PositionNode => {
    const node: PositionNode = { start };
    const code = text.charCodeAt(index);
    if (code === 0x7b) {
      // {
      index++;
      const entries: Record<string, PositionNode> = Object.create(null);
      skipSpace();
      if (text.charCodeAt(index) === 0x7d) index++;
      else {
        for (;;) {
          skipSpace();
          const keyStart = index;
          if (text.charCodeAt(index) !== 0x22) throw new NotPlainJson();
          const key = skipString();
          if (key in entries) throw new NotPlainJson();
          skipSpace();
          if (text.charCodeAt(index) !== 0x3a) throw new NotPlainJson();
          index++;
          skipSpace();
          entries[key] = valueAt(keyStart);
          skipSpace();
          const next = text.charCodeAt(index++);
          if (next === 0x7d) break;
          if (next !== 0x2c) throw new NotPlainJson();
        }
      }
      node.entries = entries;
    } else if (code === 0x5b) {
      // [
      index++;
      const items: PositionNode[] = [];
      skipSpace();
      if (text.charCodeAt(index) === 0x5d) index++;
      else {
        for (;;) {
          skipSpace();
          items.push(valueAt(index));
          skipSpace();
          const next = text.charCodeAt(index++);
          if (next === 0x5d) break;
          if (next !== 0x2c) throw new NotPlainJson();
        }
      }
      node.items = items;
    } else if (code === 0x22) {
      skipString();
    } else {
      // number, true, false, null
      while (index < length && !/[\s,\]}]/.test(text[index]!)) index++;
    }
    node.end = index;
    return node;
  };

  try {
    skipSpace();
    const root = valueAt(index);
    skipSpace();
    return index === length ? root : undefined;
  } catch (error) {
    // Too deep for the recursive scan: the YAML path reports it as a document error.
    if (error instanceof NotPlainJson || error instanceof RangeError) return undefined;
    throw error;
  }
}
