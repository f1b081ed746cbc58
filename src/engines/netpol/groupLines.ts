/**
 * The lines of one source group of `netpol list` (the sources printed under one name), kept compactly: a connection
 * is reduced to its destination and its text as it is visited, so the engine's connection objects and port sets die
 * young, and the per-line storage is a few arrays reused from group to group. With tens of thousands of
 * destinations per source, one array of connection objects per group outlived the young generation and was promoted:
 * the listing's garbage, not its output, set the peak memory (50k-pod cluster: 0.8 GB of promoted garbage).
 *
 * The result is exactly `connectionLines(mergeAdjacentExternals(connections))` of the group (format.ts): the same
 * merge of adjacent external blocks, the same stable order by destination name, the same de-duplication.
 */
import { compareCodePoints } from '../../model/order.js';
import { formatConnSet } from './connections.js';
import { endpointName } from './format.js';
import type { Connection, Endpoint, ExternalEndpoint, WorkloadEndpoint } from './model.js';

export interface GroupLine {
  dst: Endpoint;
  dstName: string;
  conn: string;
}

export interface GroupLineOptions {
  /** Join adjacent external blocks (mergeAdjacentExternals). */
  merge: boolean;
  /** Keep IMDS, wireserver and API server blocks apart when merging (the JSON list). */
  keepSpecials?: boolean;
}

/** Rank of each workload (by index) in code-point order of display names; equal names share a rank. */
function workloadRanks(workloads: readonly WorkloadEndpoint[]): Int32Array {
  const names = workloads.map((w) => endpointName(w));
  const order = names.map((_, index) => index).sort((a, b) => compareCodePoints(names[a]!, names[b]!));
  const ranks = new Int32Array(workloads.length);
  let rank = 0;
  for (let position = 0; position < order.length; position++) {
    if (position > 0 && names[order[position]!] !== names[order[position - 1]!]) rank++;
    ranks[order[position]!] = rank;
  }
  return ranks;
}

export class GroupLines {
  /** Visited connections of the current group: destination, source index (merge key), interned text. */
  private readonly visitedDst: Endpoint[] = [];
  private readonly visitedSrc: number[] = [];
  private readonly visitedText: string[] = [];
  private visited = 0;
  /** After merging: the connections in `mergeAdjacentExternals` order. */
  private readonly keptDst: Endpoint[] = [];
  private readonly keptName: string[] = [];
  private readonly keptRank: number[] = [];
  private readonly keptText: string[] = [];
  private kept = 0;
  private readonly order: number[] = [];
  /** Connection texts are few: one string each, shared by every line that prints it. */
  private readonly texts = new Map<string, string>();
  private readonly ranks: Int32Array;

  constructor(
    private readonly workloads: readonly WorkloadEndpoint[],
    private readonly options: GroupLineOptions,
  ) {
    this.ranks = workloadRanks(workloads);
  }

  /** Starts a new group. */
  reset(): void {
    this.visited = 0;
    this.kept = 0;
  }

  /** A connection of the group's sources (bound: usable as the engine's visitor). */
  readonly add = (connection: Connection): void => {
    const at = this.visited++;
    const text = formatConnSet(connection.conns);
    let shared = this.texts.get(text);
    if (shared === undefined) {
      shared = text;
      this.texts.set(text, text);
    }
    this.visitedDst[at] = connection.dst;
    // The merge key of mergeAdjacentExternals: the workload on the other side of an external block.
    this.visitedSrc[at] = connection.src.type === 'workload' ? connection.src.index : -1;
    this.visitedText[at] = shared;
  };

  /**
   * The group's lines: merged, sorted by destination name (stable), each (destination, text) once. The objects are
   * fresh per call; the caller writes them and lets them go.
   */
  *lines(): Generator<GroupLine> {
    this.mergeVisited();
    const count = this.kept;
    const order = this.order;
    order.length = 0;
    for (let index = 0; index < count; index++) order.push(index);
    const { keptName: names, keptRank: ranks } = this;
    // Array.prototype.sort is stable, and the index breaks ties anyway: the order of connectionLines.
    order.sort((a, b) => {
      const ra = ranks[a]!;
      const rb = ranks[b]!;
      const byName = ra >= 0 && rb >= 0 ? ra - rb : compareCodePoints(names[a]!, names[b]!);
      return byName || a - b;
    });
    let runStart = 0;
    for (let position = 0; position < count; position++) {
      const index = order[position]!;
      const first = order[runStart]!;
      if (position === runStart || names[first] !== names[index]) runStart = position;
      else {
        // Within one destination name, a text already printed is not printed again.
        const text = this.keptText[index]!;
        let repeated = false;
        for (let earlier = runStart; earlier < position && !repeated; earlier++) {
          const other = order[earlier]!;
          repeated = other !== -1 && this.keptText[other] === text;
        }
        if (repeated) {
          order[position] = -1;
          continue;
        }
      }
      yield { dst: this.keptDst[index]!, dstName: names[index]!, conn: this.keptText[index]! };
    }
  }

  private keep(dst: Endpoint, text: string): void {
    const at = this.kept++;
    this.keptDst[at] = dst;
    this.keptName[at] = endpointName(dst);
    this.keptRank[at] =
      dst.type === 'workload' && this.workloads[dst.index] === dst ? this.ranks[dst.index]! : -1;
    this.keptText[at] = text;
  }

  /** mergeAdjacentExternals over the visited connections (sources are never external here: only destinations). */
  private mergeVisited(): void {
    const externals = new Map<string, number[]>();
    for (let at = 0; at < this.visited; at++) {
      const dst = this.visitedDst[at]!;
      if (dst.type !== 'external' || !this.options.merge) {
        this.keep(dst, this.visitedText[at]!);
        continue;
      }
      const key = `${this.visitedSrc[at]}\u0000${this.visitedText[at]}`;
      const list = externals.get(key);
      if (list) list.push(at);
      else externals.set(key, [at]);
    }
    const rangeOf = (at: number) => (this.visitedDst[at] as ExternalEndpoint).range;
    for (const list of externals.values()) {
      list.sort((a, b) => rangeOf(a).start - rangeOf(b).start || a - b);
      let current: ExternalEndpoint | undefined;
      let currentText = '';
      for (const at of list) {
        const block = this.visitedDst[at] as ExternalEndpoint;
        if (
          current &&
          current.range.end + 1 === block.range.start &&
          !(this.options.keepSpecials && (current.special || block.special))
        ) {
          current = {
            type: 'external',
            index: current.index,
            range: { start: current.range.start, end: block.range.end },
          };
        } else {
          if (current) this.keep(current, currentText);
          current = block;
          currentText = this.visitedText[at]!;
        }
      }
      if (current) this.keep(current, currentText);
    }
  }
}
