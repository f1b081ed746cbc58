/** Slots a lookup or an insertion looks at, at most. */
const MAX_PROBES = 32;

/**
 * A set of strings looked up by a range of a text, without cutting the range out: the fast reader asks it for every
 * plain key and value (`name`, `image`, `v1` repeat in every object), and a slice per scalar was a string allocated and
 * hashed only to find the copy already held. Open addressing over a power-of-two table, FNV-1a over the UTF-16 code
 * units from a random basis per set; a candidate is compared character by character, so a hash collision never
 * returns the wrong string. Input chooses the strings: a probe stops after `MAX_PROBES` slots (a string that would sit
 * further is not held, and a miss only sends the scalar the slow way), so crafted collisions cost bounded time.
 */
export class RangeStringSet {
  private slots: (string | undefined)[];
  private hashes: Int32Array;
  private mask: number;
  private count = 0;

  /**
   * @param maxSize strings held at most (further `add`s are ignored: the set is a cache, a miss only costs time).
   * @param maxLength longest string held; longer ranges are not looked up.
   */
  constructor(
    readonly maxSize: number,
    readonly maxLength: number,
    /** FNV-1a's starting value; random unless a test fixes it. */
    private readonly basis: number = (Math.random() * 0x100000000) | 0,
  ) {
    this.slots = new Array<string | undefined>(1024).fill(undefined);
    this.hashes = new Int32Array(1024);
    this.mask = 1023;
  }

  get size(): number {
    return this.count;
  }

  /** The hash of an empty range, to be carried on with `hashStep` over each character (`findHashed`). */
  get hashBasis(): number {
    return this.basis;
  }

  /** The string held whose characters are `text[start, end)`, or undefined. */
  find(text: string, start: number, end: number): string | undefined {
    if (end - start > this.maxLength) return undefined;
    return this.findHashed(text, start, end, hashRange(this.basis, text, start, end));
  }

  /**
   * `find` for a range whose hash the caller made while walking it anyway: `hashBasis` carried on by `hashStep` over
   * each of its characters in order.
   */
  findHashed(text: string, start: number, end: number, hash: number): string | undefined {
    const length = end - start;
    if (length > this.maxLength) return undefined;
    const slots = this.slots;
    const hashes = this.hashes;
    const mask = this.mask;
    for (let probe = 0, slot = hash & mask; probe < MAX_PROBES; probe++, slot = (slot + 1) & mask) {
      const candidate = slots[slot];
      if (candidate === undefined) return undefined;
      if (hashes[slot] === hash && candidate.length === length && sameRange(candidate, text, start))
        return candidate;
    }
    return undefined;
  }

  /** Holds `value` (once; ignored when the set is full or the string too long). */
  add(value: string): void {
    this.addHashed(value, hashRange(this.basis, value, 0, value.length));
  }

  /** `add` for a string whose hash the caller has (as `findHashed` takes it). */
  addHashed(value: string, hash: number): void {
    if (this.count >= this.maxSize || value.length > this.maxLength) return;
    if (this.findHashed(value, 0, value.length, hash) !== undefined) return;
    if (2 * (this.count + 1) > this.slots.length) this.grow();
    if (this.place(value, hash)) this.count++;
  }

  /** Puts `value` in the first free slot within `MAX_PROBES` of its own; false when there is none. */
  private place(value: string, hash: number): boolean {
    const mask = this.mask;
    for (let probe = 0, slot = hash & mask; probe < MAX_PROBES; probe++, slot = (slot + 1) & mask) {
      if (this.slots[slot] !== undefined) continue;
      this.slots[slot] = value;
      this.hashes[slot] = hash;
      return true;
    }
    return false;
  }

  private grow(): void {
    const slots = this.slots;
    const hashes = this.hashes;
    const size = slots.length * 2;
    this.slots = new Array<string | undefined>(size).fill(undefined);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
    this.count = 0;
    for (let slot = 0; slot < slots.length; slot++) {
      const value = slots[slot];
      if (value !== undefined && this.place(value, hashes[slot]!)) this.count++;
    }
  }
}

/** One character of FNV-1a (32 bits). */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

function hashRange(basis: number, text: string, start: number, end: number): number {
  let hash = basis;
  for (let index = start; index < end; index++) hash = hashStep(hash, text.charCodeAt(index));
  return hash;
}

function sameRange(candidate: string, text: string, start: number): boolean {
  for (let index = 0; index < candidate.length; index++)
    if (candidate.charCodeAt(index) !== text.charCodeAt(start + index)) return false;
  return true;
}
