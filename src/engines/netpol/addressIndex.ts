/**
 * Which endpoints an ipBlock peer matches, found from the peer's ranges rather than by testing every endpoint: a
 * cluster with a distinct CIDR per namespace would otherwise test every workload and block once per CIDR.
 */
import type { IpRange } from './ipv4.js';

/** Workloads by their known addresses: a workload matches when every one of its addresses is inside the ranges. */
export class AddressIndex {
  /** Every known address with its workload key, sorted by address. */
  private readonly entries: { ip: number; key: number }[] = [];
  private readonly counts = new Map<number, number>();
  /** Keys of the workloads whose addresses are unknown (the engine assumes the pod or node CIDR for them). */
  readonly unknown: number[] = [];

  constructor(workloads: Iterable<{ key: number; addresses: readonly number[] | undefined }>) {
    for (const { key, addresses } of workloads) {
      if (addresses === undefined || addresses.length === 0) {
        this.unknown.push(key);
        continue;
      }
      for (const ip of addresses) this.entries.push({ ip, key });
      this.counts.set(key, addresses.length);
    }
    this.entries.sort((a, b) => a.ip - b.ip || a.key - b.key);
  }

  /** Keys of the workloads with known addresses all inside `ranges` (a point is inside the union of the ranges). */
  within(ranges: readonly IpRange[]): number[] {
    const hits = new Map<number, number>();
    for (const range of union(ranges)) {
      for (let i = lowerBound(this.entries, range.start, (e) => e.ip); i < this.entries.length; i++) {
        const entry = this.entries[i]!;
        if (entry.ip > range.end) break;
        hits.set(entry.key, (hits.get(entry.key) ?? 0) + 1);
      }
    }
    const out: number[] = [];
    for (const [key, count] of hits) if (count === this.counts.get(key)) out.push(key);
    return out;
  }
}

/** Indices of the blocks (sorted, disjoint) each inside one of `ranges`, as `rangeWithin` decides per block. */
export function blocksWithin(blocks: readonly { range: IpRange }[], ranges: readonly IpRange[]): number[] {
  const out = new Set<number>();
  for (const range of ranges) {
    for (let i = lowerBound(blocks, range.start, (b) => b.range.start); i < blocks.length; i++) {
      if (blocks[i]!.range.end > range.end) break;
      out.add(i);
    }
  }
  return [...out];
}

/** Overlapping ranges joined, sorted (for points: inside one of them is inside the union). */
function union(ranges: readonly IpRange[]): IpRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: IpRange[] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last && range.start <= last.end)
      out[out.length - 1] = { start: last.start, end: Math.max(last.end, range.end) };
    else out.push({ start: range.start, end: range.end });
  }
  return out;
}

/** The first index whose value is at least `value` (`values` sorted by `of`). */
function lowerBound<V>(values: readonly V[], value: number, of: (item: V) => number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (of(values[middle]!) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
