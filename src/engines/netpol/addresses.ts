import { type IpRange, ipv4ToNumber } from './ipv4.js';

/** Address space that is not the Internet: RFC 1918, CGNAT, loopback, link-local, "this network". */
export const NON_PUBLIC_RANGES: readonly IpRange[] = [
  ['0.0.0.0', '0.255.255.255'],
  ['10.0.0.0', '10.255.255.255'],
  ['100.64.0.0', '100.127.255.255'],
  ['127.0.0.0', '127.255.255.255'],
  ['169.254.0.0', '169.254.255.255'],
  ['172.16.0.0', '172.31.255.255'],
  ['192.168.0.0', '192.168.255.255'],
].map(([start, end]) => ({ start: ipv4ToNumber(start!), end: ipv4ToNumber(end!) }));

/** Whether any address of the range is public (outside NON_PUBLIC_RANGES). */
export function isPublic(range: IpRange): boolean {
  let next = range.start;
  for (const block of [...NON_PUBLIC_RANGES].sort((a, b) => a.start - b.start)) {
    if (block.end < next) continue;
    if (block.start > next) return true;
    next = block.end + 1;
    if (next > range.end) return false;
  }
  return next <= range.end;
}
