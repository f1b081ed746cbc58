/**
 * The entries of the mappings being read, nested ones above their parents', each mapping made when it closes as an
 * object of its exact size (`take`).
 *
 * An object made by `{}` has room for four properties inside it, and one that grows past four gets a property
 * array of its own with room to spare: a mapping of one key took 56 bytes, of five 96. An object made by `new` of a
 * constructor takes the size its first instances needed (V8's in-object slack tracking, up to about ten properties in
 * the object), so one constructor per number of keys gives each mapping its exact size: 32 bytes for one key, 64
 * for five. Those constructors' `prototype` is `Object.prototype`, so a mapping is an ordinary object to every reader
 * (`Object.getPrototypeOf`, `constructor`, `JSON.stringify`, structured clone, `assert.deepStrictEqual`).
 */

/** Mappings of more keys than this are made by `{}` (their size is the same either way past ~20 keys). */
const MAX_SIZED = 32;
/** An open mapping with more entries than this finds its keys in a map rather than by scanning them. */
const SCAN_LIMIT = 16;

type MappingConstructor = new () => Record<string, unknown>;

/** A constructor of plain objects (prototype `Object.prototype`) that V8 sizes by its own instances. */
function sizedConstructor(): MappingConstructor {
  const Mapping = function Mapping() {} as unknown as MappingConstructor;
  Mapping.prototype = Object.prototype;
  return Mapping;
}

/** The constructor of mappings of exactly `n` keys, for n up to `MAX_SIZED`. */
const SIZED: readonly MappingConstructor[] = Array.from({ length: MAX_SIZED + 1 }, sizedConstructor);

/** An empty plain object sized for `keys` properties. */
export function newMapping(keys: number): Record<string, unknown> {
  return keys <= MAX_SIZED ? new SIZED[keys]!() : {};
}

export class MappingEntries {
  private readonly keys: string[] = [];
  private readonly values: unknown[] = [];
  private count = 0;
  /** Key → slot of the open mappings past `SCAN_LIMIT` entries, by their first slot. */
  private indexes: Map<number, Map<string, number>> | undefined;

  /** Drops every open mapping (a part given up). */
  reset(): void {
    this.count = 0;
    this.indexes = undefined;
  }

  /** The first slot of a mapping opened now. */
  open(): number {
    return this.count;
  }

  /** The slot of `key` among the entries of the mapping opened at `first`, or -1. */
  slotOf(first: number, key: string): number {
    const count = this.count;
    if (count - first > SCAN_LIMIT) return this.indexOf(first).get(key) ?? -1;
    const keys = this.keys;
    for (let slot = first; slot < count; slot++) if (keys[slot] === key) return slot;
    return -1;
  }

  /** Gives the entry at `slot` a new value (a duplicate key: the last value counts, in the first key's place). */
  replace(slot: number, value: unknown): void {
    this.values[slot] = value;
  }

  /** Adds an entry whose key the open mapping at `first` does not hold yet. */
  add(first: number, key: string, value: unknown): void {
    const slot = this.count++;
    this.keys[slot] = key;
    this.values[slot] = value;
    if (slot - first >= SCAN_LIMIT) this.indexes?.get(first)?.set(key, slot);
  }

  /** The mapping opened at `first`, its entries in the order of their first keys; they leave the stack. */
  take(first: number): Record<string, unknown> {
    const count = this.count;
    const object = newMapping(count - first);
    const keys = this.keys;
    const values = this.values;
    for (let slot = first; slot < count; slot++) {
      const key = keys[slot]!;
      // An own property named `__proto__` (assigning would set the prototype instead).
      if (key === '__proto__')
        Object.defineProperty(object, key, {
          value: values[slot],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else object[key] = values[slot];
    }
    this.count = first;
    if (this.indexes?.delete(first) && this.indexes.size === 0) this.indexes = undefined;
    return object;
  }

  /** The key index of the mapping opened at `first` (made on its first use). */
  private indexOf(first: number): Map<string, number> {
    this.indexes ??= new Map();
    let index = this.indexes.get(first);
    if (index === undefined) {
      index = new Map();
      for (let slot = first; slot < this.count; slot++) index.set(this.keys[slot]!, slot);
      this.indexes.set(first, index);
    }
    return index;
  }
}
