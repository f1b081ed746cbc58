import ipaddr from 'ipaddr.js';
import { isUnknown } from '../../model/aksCluster.js';
import { defineRule } from '../defineRule.js';
import { CLUSTER } from '../inputs.js';
import { authorizedRanges } from './ranges.js';
import { anyUnknown, clustersOf, notEvaluatedAt, publicApiServer, reportAt } from './support.js';

/** Address ranges that cannot be the source of a connection to a public endpoint. */
const NON_PUBLIC = new Set([
  'private',
  'uniqueLocal',
  'loopback',
  'linkLocal',
  'carrierGradeNat',
  'unspecified',
  'reserved',
]);

interface Verdict {
  problem?: string;
  addresses: number;
}

function judgeRange(entry: string, minPrefix: number): Verdict {
  const text = entry.trim();
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  let prefix: number;
  try {
    if (text.includes('/')) [address, prefix] = ipaddr.parseCIDR(text);
    else {
      address = ipaddr.parse(text);
      prefix = address.kind() === 'ipv4' ? 32 : 128;
    }
  } catch {
    return { problem: `${text} is not a valid IP address or CIDR range`, addresses: 0 };
  }
  const bits = address.kind() === 'ipv4' ? 32 : 128;
  const size = address.kind() === 'ipv4' ? 2 ** (32 - prefix) : 0;
  // 0.0.0.0/32 is AKS's documented way to allow only the cluster's own outbound load balancer IP.
  if (text === '0.0.0.0/32') return { addresses: 0 };
  if (prefix === 0) return { problem: `${text} allows every address on the Internet`, addresses: size };
  const limit = address.kind() === 'ipv4' ? minPrefix : Math.min(bits, minPrefix + 32);
  if (prefix < limit) {
    const share = address.kind() === 'ipv4' ? ` (${size.toLocaleString('en-US')} addresses)` : '';
    return { problem: `${text} is wider than /${limit}${share}`, addresses: size };
  }
  const range = address.range();
  const last =
    address.kind() === 'ipv4'
      ? ipaddr.IPv4.broadcastAddressFromCIDR(text.includes('/') ? text : `${text}/32`)
      : address;
  if (NON_PUBLIC.has(range) && last.range() === range) {
    return {
      problem: `${text} is a ${range} range: the public endpoint only sees public source addresses, so it allows no client (use a private cluster or VNet integration for private clients)`,
      addresses: 0,
    };
  }
  return { addresses: size };
}

export default defineRule({
  id: 'AKS-NET-04',
  title: 'Authorized IP ranges are over-permissive',
  description:
    "An allow-list only protects the API server if it is narrow: 0.0.0.0/0, very wide prefixes or several ranges that together cover much of the Internet defeat it, and private (RFC 1918/6598) ranges never match a connection to the public endpoint. `0.0.0.0/32` (allow only the cluster's outbound IP) is accepted.",
  severity: 'high',
  family: 'aks',
  inputs: CLUSTER,
  refs: ['CIS AKS 5.4.1'],
  fix: {
    az: 'az aks update -g RG -n NAME --api-server-authorized-ip-ranges <narrow public CIDRs>',
    terraform: 'api_server_access_profile { authorized_ip_ranges = [<narrow public CIDRs>] }',
  },
  params: {
    minPrefixLength: {
      default: 16,
      schema: { type: 'integer', minimum: 0, maximum: 32, title: 'a prefix length from 0 to 32' },
      description: 'IPv4 ranges with a shorter prefix than this are too wide (IPv6: this + 32).',
    },
  },
  check(context) {
    const minPrefix = Number(context.params.minPrefixLength ?? 16);
    for (const cluster of clustersOf(context)) {
      if (publicApiServer(context, cluster) !== true) continue;
      const ranges = authorizedRanges(cluster);
      if (anyUnknown(context, cluster, [ranges])) continue;
      const list = Array.isArray(ranges.value)
        ? ranges.value
        : typeof ranges.value === 'string'
          ? ranges.value.split(',')
          : [];
      let total = 0;
      let widest = 0;
      let unknownEntries = 0;
      for (const entry of list) {
        if (isUnknown(entry) || typeof entry !== 'string') {
          unknownEntries++;
          continue;
        }
        const verdict = judgeRange(entry, minPrefix);
        total += verdict.addresses;
        widest = Math.max(widest, verdict.addresses);
        if (verdict.problem) {
          reportAt(context, cluster, ranges, `cluster ${cluster.name}: authorized range ${verdict.problem}`, {
            key: entry,
            evidence: { range: entry, reason: verdict.problem },
          });
        }
      }
      // Several ranges that together open half the Internet, none of them alone (e.g. 0.0.0.0/1 + 128.0.0.0/1).
      if (total >= 2 ** 31 && total > widest) {
        reportAt(
          context,
          cluster,
          ranges,
          `cluster ${cluster.name}: the authorized ranges together allow ${Math.round((total / 2 ** 32) * 100)}% of the IPv4 address space`,
          { key: 'total', evidence: { addresses: total } },
        );
      }
      if (unknownEntries > 0) {
        notEvaluatedAt(
          context,
          cluster,
          ranges,
          `${unknownEntries} authorized range(s) depend on values not in the input`,
        );
      }
    }
  },
});
