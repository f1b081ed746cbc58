/** Readable explanations per pair: which rules allow each port range, and which side denies the rest. */
import type { NetpolAnalysis } from './analyze.js';
import {
  type ConnSet,
  complement,
  formatConnSet,
  isEmpty,
  PROTOCOLS,
  singleProtocol,
} from './connections.js';
import { endpointName } from './format.js';
import { type Endpoint, type EngineObject, formatReason } from './model.js';

function groupByReasons(set: ConnSet): { conns: string; reasons: number[] }[] {
  const groups = new Map<string, { set: ConnSet; reasons: number[] }>();
  for (const protocol of PROTOCOLS) {
    for (const range of set[protocol]) {
      const key = range.because.join(',');
      const part = singleProtocol(protocol, [range]);
      const known = groups.get(key);
      if (known) {
        known.set = {
          TCP: [...known.set.TCP, ...part.TCP],
          UDP: [...known.set.UDP, ...part.UDP],
          SCTP: [...known.set.SCTP, ...part.SCTP],
        };
      } else groups.set(key, { set: part, reasons: [...range.because] });
    }
  }
  return [...groups.values()].map((g) => ({ conns: formatConnSet(g.set), reasons: g.reasons }));
}

function deniedSide<T extends EngineObject>(
  analysis: NetpolAnalysis<T>,
  side: ConnSet,
  direction: 'Egress' | 'Ingress',
  subject: Endpoint<T>,
  peer: Endpoint<T>,
): string | undefined {
  const denied = complement(side, -1);
  if (isEmpty(denied)) return undefined;
  const policies =
    subject.type === 'workload'
      ? analysis.selectedBy(subject, direction).map((p) => `${p.namespace}/${p.name}`)
      : [];
  return `${direction}: ${formatConnSet(denied)} denied: ${endpointName(subject)} is selected by ${policies.join(
    ', ',
  )} and no ${direction} rule allows ${direction === 'Egress' ? 'traffic to' : 'traffic from'} ${endpointName(peer)}`;
}

/** The explanation of one pair, as indented text lines. */
export function explainPair<T extends EngineObject>(
  analysis: NetpolAnalysis<T>,
  src: Endpoint<T>,
  dst: Endpoint<T>,
): string[] {
  const egress = analysis.egress(src, dst);
  const ingress = analysis.ingress(src, dst);
  const allowed = analysis.allowed(src, dst);
  const lines = [`${endpointName(src)} => ${endpointName(dst)}`];
  if (isEmpty(allowed)) lines.push('  Allowed: No Connections');
  else {
    lines.push(`  Allowed: ${formatConnSet(allowed)}`);
    for (const group of groupByReasons(allowed)) {
      lines.push(`    ${group.conns}:`);
      // The source's side (egress) first, then the destination's (ingress).
      const side = (id: number) => {
        const reason = analysis.reasons.get(id);
        return 'direction' in reason && reason.direction === 'Egress' ? 0 : 1;
      };
      const ordered = [...group.reasons].sort((x, y) => side(x) - side(y) || x - y);
      for (const id of ordered) lines.push(`      - ${formatReason(analysis.reasons.get(id))}`);
    }
  }
  const deniedAll = complement(allowed, -1);
  if (!isEmpty(deniedAll)) {
    lines.push(`  Denied: ${formatConnSet(deniedAll)}`);
    for (const text of [
      deniedSide(analysis, egress, 'Egress', src, dst),
      deniedSide(analysis, ingress, 'Ingress', dst, src),
    ]) {
      if (text) lines.push(`    - ${text}`);
    }
  }
  return lines;
}

/** Every ordered pair of distinct workloads, and each workload with each external block, in the order explained. */
function* allPairs<T extends EngineObject>(
  analysis: NetpolAnalysis<T>,
): Generator<[Endpoint<T>, Endpoint<T>]> {
  for (const src of analysis.workloads) {
    for (const dst of analysis.workloads) if (src !== dst) yield [src, dst];
    for (const dst of analysis.destinationBlocks) yield [src, dst];
  }
  for (const src of analysis.sourceBlocks) for (const dst of analysis.workloads) yield [src, dst];
}

/** Pairs explained by default: enough for a namespace or an application, bounded for a whole cluster. */
export const DEFAULT_MAX_PAIRS = 10_000;

export interface ExplainOptions<T extends EngineObject> {
  /** Only pairs with an endpoint this accepts. */
  focus?: (e: Endpoint<T>) => boolean;
  /** Pairs explained at most; the rest are counted and the output says so. */
  maxPairs?: number;
}

/**
 * The explanation of every pair, in pieces, pair by pair: memory stays bounded whatever the size of the cluster
 * (3,000 workloads make 9 million pairs). Beyond `maxPairs` the pairs are only counted, and the last line says
 * how many were left out and how to narrow the question.
 */
export function* explainChunks<T extends EngineObject>(
  analysis: NetpolAnalysis<T>,
  options: ExplainOptions<T> = {},
): Generator<string> {
  const { focus } = options;
  const maxPairs = options.maxPairs ?? DEFAULT_MAX_PAIRS;
  yield `Engine: ${analysis.engine} (${analysis.engineWhy})\n`;
  let shown = 0;
  let omitted = 0;
  for (const [src, dst] of allPairs(analysis)) {
    if (focus && !focus(src) && !focus(dst)) continue;
    if (shown >= maxPairs) {
      omitted++;
      continue;
    }
    shown++;
    yield `\n${explainPair(analysis, src, dst).join('\n')}\n`;
  }
  if (omitted > 0)
    yield `\n… ${omitted} more pair(s) not explained: the limit is ${maxPairs} (--max-pairs N); narrow with --focus WORKLOAD\n`;
}

/** Every pair's explanation as one string (small inputs and tests). */
export function explainAll<T extends EngineObject>(
  analysis: NetpolAnalysis<T>,
  focus?: (e: Endpoint<T>) => boolean,
): string {
  let out = '';
  for (const chunk of explainChunks(
    analysis,
    focus ? { focus, maxPairs: Number.POSITIVE_INFINITY } : { maxPairs: Number.POSITIVE_INFINITY },
  ))
    out += chunk;
  return out;
}
