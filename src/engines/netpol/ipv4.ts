import ipaddr from 'ipaddr.js';

/** A closed interval of IPv4 addresses as unsigned 32-bit numbers. */
export interface IpRange {
  start: number;
  end: number;
}

export const ALL_IPV4: IpRange = { start: 0, end: 0xffffffff };

export type CidrCheck =
  | { ok: true; family: 'ipv4'; range: IpRange }
  | { ok: true; family: 'ipv6' }
  | { ok: false; reason: string };

const STRICT_IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * Parses a CIDR the way the API server validates `ipBlock.cidr` under StrictIPCIDRValidation
 * (k8s.io/apimachinery validation helpers): dotted decimal without leading zeros, a prefix length
 * in range, no bits set beyond the prefix, no IPv4-mapped IPv6.
 */
export function parseCidr(text: string): CidrCheck {
  const slash = text.indexOf('/');
  if (slash < 0)
    return { ok: false, reason: 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)' };
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (!/^(0|[1-9]\d{0,2})$/.test(prefixText)) {
    return { ok: false, reason: 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)' };
  }
  const prefix = Number(prefixText);
  if (address.includes(':')) {
    if (!ipaddr.IPv6.isValid(address) || prefix > 128) {
      return { ok: false, reason: 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)' };
    }
    const parsed = ipaddr.IPv6.parse(address);
    if (parsed.isIPv4MappedAddress()) return { ok: false, reason: 'must not be an IPv4-mapped IPv6 address' };
    const network = ipaddr.IPv6.networkAddressFromCIDR(text);
    if (network.toNormalizedString() !== parsed.toNormalizedString()) {
      return { ok: false, reason: `must not have bits set beyond the prefix length (${prefix})` };
    }
    return { ok: true, family: 'ipv6' };
  }
  if (!STRICT_IPV4.test(address) || prefix > 32) {
    if (/^[\d.]+$/.test(address) && ipaddr.IPv4.isValid(address) && prefix <= 32) {
      return { ok: false, reason: 'must not have leading zeros in the address' };
    }
    return { ok: false, reason: 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)' };
  }
  const base = ipv4ToNumber(address);
  const size = prefix === 0 ? 2 ** 32 : 2 ** (32 - prefix);
  const start = Math.floor(base / size) * size;
  if (start !== base) {
    return {
      ok: false,
      reason: `must not have bits set beyond the prefix length; the network address is ${numberToIpv4(start)}/${prefix}`,
    };
  }
  return { ok: true, family: 'ipv4', range: { start, end: start + size - 1 } };
}

export function ipv4ToNumber(address: string): number {
  const parts = address.split('.').map(Number);
  return ((parts[0]! * 256 + parts[1]!) * 256 + parts[2]!) * 256 + parts[3]!;
}

export function numberToIpv4(value: number): string {
  return [
    Math.floor(value / 16777216) % 256,
    Math.floor(value / 65536) % 256,
    Math.floor(value / 256) % 256,
    value % 256,
  ].join('.');
}

export function parseIpv4(text: string): number | undefined {
  return STRICT_IPV4.test(text) ? ipv4ToNumber(text) : undefined;
}

/** `a` minus every range in `holes`, as sorted disjoint ranges. */
export function subtractRanges(a: IpRange, holes: readonly IpRange[]): IpRange[] {
  const sorted = [...holes].sort((x, y) => x.start - y.start);
  const out: IpRange[] = [];
  let next = a.start;
  for (const hole of sorted) {
    if (hole.end < next || hole.start > a.end) continue;
    if (hole.start > next) out.push({ start: next, end: hole.start - 1 });
    next = Math.max(next, hole.end + 1);
  }
  if (next <= a.end) out.push({ start: next, end: a.end });
  return out;
}

export function rangeWithin(inner: IpRange, outer: readonly IpRange[]): boolean {
  return outer.some((range) => range.start <= inner.start && inner.end <= range.end);
}

export function rangesOverlap(a: IpRange, outer: readonly IpRange[]): boolean {
  return outer.some((range) => range.start <= a.end && a.start <= range.end);
}

/**
 * Splits the address space into the coarsest contiguous blocks such that every given set is a union
 * of blocks (netpol-analyzer's disjoint IP blocks, one line per contiguous block).
 */
export function disjointBlocks(sets: readonly (readonly IpRange[])[]): IpRange[] {
  const cuts = new Set<number>([0]);
  for (const set of sets) {
    for (const range of set) {
      cuts.add(range.start);
      if (range.end < 0xffffffff) cuts.add(range.end + 1);
    }
  }
  const sorted = [...cuts].sort((x, y) => x - y);
  return sorted.map((start, i) => ({ start, end: i + 1 < sorted.length ? sorted[i + 1]! - 1 : 0xffffffff }));
}

export function formatRange(range: IpRange): string {
  return `${numberToIpv4(range.start)}-${numberToIpv4(range.end)}`;
}
