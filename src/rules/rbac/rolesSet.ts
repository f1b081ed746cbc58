import type { PolicyRule } from '../../engines/rbac/types.js';

// Sets of the scan's roles (their rules arrays) as bit sets: the RBAC rules ask which roles grant a permission and
// then which bindings use one of them, about fifty times per scan over thousands of roles; unions and intersections
// of bit sets cost a few hundred word operations where Sets of arrays cost one hash lookup per role.

/** The rules arrays of a scan numbered in order of first use (0, 1, ...), fixed once built. */
export class RulesNumbering {
  /** The arrays by number. */
  readonly arrays: readonly (readonly PolicyRule[])[];
  private readonly ids = new Map<readonly PolicyRule[], number>();

  /** Numbers the arrays in iteration order; an array met again keeps its first number. */
  constructor(rulesArrays: Iterable<readonly PolicyRule[]>) {
    const arrays: (readonly PolicyRule[])[] = [];
    for (const rules of rulesArrays)
      if (!this.ids.has(rules)) {
        this.ids.set(rules, arrays.length);
        arrays.push(rules);
      }
    this.arrays = arrays;
  }

  get size(): number {
    return this.arrays.length;
  }

  idOf(rules: readonly PolicyRule[]): number | undefined {
    return this.ids.get(rules);
  }
}

/** A set of numbered rules arrays (of one RulesNumbering). */
export class RolesSet {
  private readonly words: Uint32Array;

  constructor(readonly numbering: RulesNumbering) {
    this.words = new Uint32Array((numbering.size + 31) >>> 5);
  }

  hasId(id: number): boolean {
    return (this.words[id >>> 5]! & (1 << (id & 31))) !== 0;
  }

  addId(id: number): void {
    this.words[id >>> 5]! |= 1 << (id & 31);
  }

  /** Whether the set holds the rules array (never one the numbering does not know). */
  has(rules: readonly PolicyRule[]): boolean {
    const id = this.numbering.idOf(rules);
    return id !== undefined && this.hasId(id);
  }

  /** Adds a rules array of the numbering (any other is a programming error). */
  add(rules: readonly PolicyRule[]): void {
    const id = this.numbering.idOf(rules);
    if (id === undefined) throw new Error('RolesSet.add: a rules array outside the scan');
    this.addId(id);
  }

  /** Adds every member of `other` (same numbering). */
  addAll(other: RolesSet): void {
    const words = this.words;
    const theirs = other.words;
    for (let i = 0; i < words.length; i++) words[i]! |= theirs[i]!;
  }

  /** Keeps only the members of `other` too (same numbering). */
  keepOnly(other: RolesSet): void {
    const words = this.words;
    const theirs = other.words;
    for (let i = 0; i < words.length; i++) words[i]! &= theirs[i]!;
  }

  copy(): RolesSet {
    const out = new RolesSet(this.numbering);
    out.words.set(this.words);
    return out;
  }

  /** The members in numbering order. */
  *[Symbol.iterator](): IterableIterator<readonly PolicyRule[]> {
    const arrays = this.numbering.arrays;
    for (let id = 0; id < arrays.length; id++) if (this.hasId(id)) yield arrays[id]!;
  }
}
