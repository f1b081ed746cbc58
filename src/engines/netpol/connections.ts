/**
 * Connection sets: per protocol, a sorted list of disjoint port intervals over 1–65535, each interval
 * tagged with the ids of the reasons (policy rules, defaults) that allow it. Intersecting an egress set
 * with an ingress set unions the tags, which is what lets `explain` name both sides of a verdict.
 */

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** Display order, as netpol-analyzer prints them (alphabetical). */
export const PROTOCOLS: readonly Protocol[] = ['SCTP', 'TCP', 'UDP'];

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

export interface PortRange {
  readonly start: number;
  readonly end: number;
  /** Reason ids, sorted ascending, no duplicates. */
  readonly because: readonly number[];
}

export type ConnSet = Readonly<Record<Protocol, readonly PortRange[]>>;

export const EMPTY: ConnSet = Object.freeze({ TCP: [], UDP: [], SCTP: [] });

export function allConnections(reason: number): ConnSet {
  const range: PortRange = { start: MIN_PORT, end: MAX_PORT, because: [reason] };
  return { TCP: [range], UDP: [range], SCTP: [range] };
}

export function singleProtocol(protocol: Protocol, ranges: readonly PortRange[]): ConnSet {
  return { ...EMPTY, [protocol]: ranges };
}

export function isEmpty(set: ConnSet): boolean {
  return set.TCP.length === 0 && set.UDP.length === 0 && set.SCTP.length === 0;
}

function coversAll(ranges: readonly PortRange[]): boolean {
  let next = MIN_PORT;
  for (const range of ranges) {
    if (range.start > next) return false;
    next = Math.max(next, range.end + 1);
  }
  return next > MAX_PORT;
}

export function isAll(set: ConnSet): boolean {
  return PROTOCOLS.every((protocol) => coversAll(set[protocol]));
}

function mergeTags(a: readonly number[], b: readonly number[]): readonly number[] {
  if (a === b || b.length === 0) return a;
  if (a.length === 0) return b;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Number.POSITIVE_INFINITY;
    const y = j < b.length ? b[j]! : Number.POSITIVE_INFINITY;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) {
      out.push(x);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

function sameTags(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function pushMerged(out: PortRange[], start: number, end: number, because: readonly number[]): void {
  const last = out[out.length - 1];
  if (last && last.end + 1 === start && sameTags(last.because, because)) {
    out[out.length - 1] = { start: last.start, end, because: last.because };
  } else {
    out.push({ start, end, because });
  }
}

/** Sweeps the elementary segments of two range lists; `keep` decides from coverage whether a segment stays. */
function combine(
  a: readonly PortRange[],
  b: readonly PortRange[],
  keep: (inA: boolean, inB: boolean) => boolean,
): PortRange[] {
  const points = new Set<number>();
  for (const r of a) points.add(r.start).add(r.end + 1);
  for (const r of b) points.add(r.start).add(r.end + 1);
  const sorted = [...points].sort((x, y) => x - y);
  const out: PortRange[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k + 1 < sorted.length; k++) {
    const start = sorted[k]!;
    const end = sorted[k + 1]! - 1;
    while (i < a.length && a[i]!.end < start) i++;
    while (j < b.length && b[j]!.end < start) j++;
    const ra = i < a.length && a[i]!.start <= start ? a[i] : undefined;
    const rb = j < b.length && b[j]!.start <= start ? b[j] : undefined;
    if (!keep(ra !== undefined, rb !== undefined)) continue;
    pushMerged(out, start, end, mergeTags(ra?.because ?? [], rb?.because ?? []));
  }
  return out;
}

function unionRanges(a: readonly PortRange[], b: readonly PortRange[]): readonly PortRange[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  return combine(a, b, (x, y) => x || y);
}

function isFullRange(ranges: readonly PortRange[]): boolean {
  return ranges.length === 1 && ranges[0]!.start === MIN_PORT && ranges[0]!.end === MAX_PORT;
}

function intersectRanges(a: readonly PortRange[], b: readonly PortRange[]): readonly PortRange[] {
  if (a.length === 0 || b.length === 0) return [];
  // Fast path, the common case: one side allows every port of the protocol.
  if (isFullRange(a))
    return b.map((r) => ({ start: r.start, end: r.end, because: mergeTags(a[0]!.because, r.because) }));
  if (isFullRange(b))
    return a.map((r) => ({ start: r.start, end: r.end, because: mergeTags(r.because, b[0]!.because) }));
  return combine(a, b, (x, y) => x && y);
}

function subtractRanges(a: readonly PortRange[], b: readonly PortRange[]): readonly PortRange[] {
  if (a.length === 0 || b.length === 0) return a;
  return combine(a, b, (x, y) => x && !y);
}

export function union(a: ConnSet, b: ConnSet): ConnSet {
  if (a === b || isEmpty(b)) return a;
  if (isEmpty(a)) return b;
  return {
    TCP: unionRanges(a.TCP, b.TCP),
    UDP: unionRanges(a.UDP, b.UDP),
    SCTP: unionRanges(a.SCTP, b.SCTP),
  };
}

/** Connections in both sets; each kept interval carries the reasons of both sides. */
export function intersect(a: ConnSet, b: ConnSet): ConnSet {
  if (isEmpty(a) || isEmpty(b)) return EMPTY;
  return {
    TCP: intersectRanges(a.TCP, b.TCP),
    UDP: intersectRanges(a.UDP, b.UDP),
    SCTP: intersectRanges(a.SCTP, b.SCTP),
  };
}

/** Connections of `a` not in `b`, keeping `a`'s reasons. */
export function subtract(a: ConnSet, b: ConnSet): ConnSet {
  if (isEmpty(a) || isEmpty(b)) return a;
  return {
    TCP: subtractRanges(a.TCP, b.TCP),
    UDP: subtractRanges(a.UDP, b.UDP),
    SCTP: subtractRanges(a.SCTP, b.SCTP),
  };
}

/** The complement over all protocols and ports, tagged with `reason`. */
export function complement(a: ConnSet, reason: number): ConnSet {
  return subtract(allConnections(reason), a);
}

export function contains(set: ConnSet, protocol: Protocol, port: number): PortRange | undefined {
  return set[protocol].find((range) => range.start <= port && port <= range.end);
}

/** Same connections (reasons ignored). */
export function sameConnections(a: ConnSet, b: ConnSet): boolean {
  return formatConnSet(a) === formatConnSet(b);
}

function untaggedRanges(ranges: readonly PortRange[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const range of ranges) {
    const last = out[out.length - 1];
    if (last && last.end + 1 >= range.start) last.end = Math.max(last.end, range.end);
    else out.push({ start: range.start, end: range.end });
  }
  return out;
}

/** Reasons mentioned anywhere in the set. */
export function reasonsOf(set: ConnSet): number[] {
  const out = new Set<number>();
  for (const protocol of PROTOCOLS)
    for (const range of set[protocol]) for (const id of range.because) out.add(id);
  return [...out].sort((x, y) => x - y);
}

/** Text of each set formatted so far: sets are immutable and shared by many pairs (allow-all, per-rule sets). */
const formatted = new WeakMap<ConnSet, string>();

/** `All Connections`, `No Connections`, or `SCTP 1-65535,TCP 80,8080-8090` (the netpol-analyzer form). */
export function formatConnSet(set: ConnSet): string {
  let text = formatted.get(set);
  if (text === undefined) {
    text = formatConnSetOnce(set);
    formatted.set(set, text);
  }
  return text;
}

function formatConnSetOnce(set: ConnSet): string {
  if (isAll(set)) return 'All Connections';
  if (isEmpty(set)) return 'No Connections';
  const parts: string[] = [];
  for (const protocol of PROTOCOLS) {
    const ranges = untaggedRanges(set[protocol]);
    if (ranges.length === 0) continue;
    parts.push(
      `${protocol} ${ranges.map((r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`)).join(',')}`,
    );
  }
  return parts.join(',');
}

/** Port ranges per protocol without reasons, for JSON output. */
export function plainConnSet(set: ConnSet): Partial<Record<Protocol, string>> | 'all' {
  if (isAll(set)) return 'all';
  const out: Partial<Record<Protocol, string>> = {};
  for (const protocol of PROTOCOLS) {
    const ranges = untaggedRanges(set[protocol]);
    if (ranges.length > 0)
      out[protocol] = ranges.map((r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`)).join(',');
  }
  return out;
}

/** Builds a set from (protocol, start, end) triples, all tagged with the same reason. */
export function fromRanges(
  entries: readonly { protocol: Protocol; start: number; end: number }[],
  reason: number,
): ConnSet {
  let out: ConnSet = EMPTY;
  for (const entry of entries) {
    out = union(
      out,
      singleProtocol(entry.protocol, [{ start: entry.start, end: entry.end, because: [reason] }]),
    );
  }
  return out;
}
