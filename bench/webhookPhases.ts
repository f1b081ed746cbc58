/**
 * One review inside the webhook, phase by phase (issue 14): the bench's AdmissionReviews (test/fakes/admissionReviews.ts)
 * through what `aksguard serve` does after a body is received — the body read (Buffer.concat and UTF-8 decoding), the
 * review parsed, the engine's judgement (one-object inventory, rules, waivers, modes, the answer), the AdmissionReview
 * written and encoded, the metrics — for the lean rule run and the full one (`runRules`, the scan's finding records
 * and fingerprints), alternating round by round in this one process so that the machine's load hits both alike.
 * Per review: microseconds per phase (median of the rounds), CPU, the bytes promoted to the old generation (what makes
 * full collections at a steady rate) and the collections per 10,000 reviews.
 * The engine runs as the chart's and the load test's `aksguard serve --mode warn --mode-for critical=enforce
 * --mode-for high=enforce` with no configuration; HTTP and TLS are the load test's (bench/webhook.ts).
 * With `--vs DIR` (another checkout of aksguard, e.g. a build of main beside this one), a third variant runs that
 * checkout's lean engine, parser and answer writer in the same process, alternating with the others: an A/B of two
 * versions under the same load, whose answers are checked to be the same text.
 * `node --import tsx bench/webhookPhases.ts [--reviews N] [--rounds N] [--vs DIR]`
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { WebhookMetrics } from '../src/serve/metrics.js';
import { parseReview, reviewResponse } from '../src/serve/review.js';
import { admissionReviews, demoEngine } from '../test/fakes/admissionReviews.js';
import { cpuNow } from './table/measure.js';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
}

function flag(name: string, fallback: number): number {
  const given = option(name);
  return given === undefined ? fallback : Number(given);
}

const REVIEWS = flag('--reviews', 10_000);
const ROUNDS = flag('--rounds', 5);
const PHASES = ['read', 'parse', 'judge', 'answer', 'metrics'] as const;
type Phase = (typeof PHASES)[number];

interface Round {
  /** Microseconds per review, by phase. */
  phases: Record<Phase, number>;
  cpuUs: number;
  promotedBytes: number;
  minor: number;
  major: number;
}

/** What a variant runs: an engine, and the parser, answer writer and metrics of the same checkout. */
interface Variant {
  ruleRun: string;
  engine: Pick<ReturnType<typeof demoEngine>, 'review'>;
  parseReview: typeof parseReview;
  reviewResponse: typeof reviewResponse;
  metrics: Pick<WebhookMetrics, 'finding' | 'observe'>;
  rounds: Round[];
}

const variants: Variant[] = (['lean', 'full'] as const).map((ruleRun) => ({
  ruleRun,
  engine: demoEngine(ruleRun),
  parseReview,
  reviewResponse,
  metrics: new WebhookMetrics(),
  rounds: [],
}));
const vs = option('--vs');
if (vs !== undefined) {
  const from = (path: string) => import(pathToFileURL(resolve(vs, path)).href);
  const review = await from('src/serve/review.ts');
  const fakes = await from('test/fakes/admissionReviews.ts');
  const metrics = await from('src/serve/metrics.ts');
  variants.push({
    ruleRun: 'lean --vs',
    engine: fakes.demoEngine('lean'),
    parseReview: review.parseReview,
    reviewResponse: review.reviewResponse,
    metrics: new metrics.WebhookMetrics(),
    rounds: [],
  });
}
const bodies = admissionReviews().map((text) => Buffer.from(text, 'utf8'));

let gcs = { minor: 0, major: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gcs.major++;
    else gcs.minor++;
  }
}).observe({ entryTypes: ['gc'] });

/** Bytes in every space but the young generation's. */
function oldGeneration(): number {
  let bytes = 0;
  for (const space of getHeapSpaceStatistics())
    if (space.space_name !== 'new_space') bytes += space.space_used_size;
  return bytes;
}

function round(variant: Variant, count: number): Round {
  const spent: Record<Phase, number> = { read: 0, parse: 0, judge: 0, answer: 0, metrics: 0 };
  let promoted = 0;
  let previous = oldGeneration();
  const cpu = cpuNow();
  for (let i = 0; i < count; i++) {
    const body = bodies[i % bodies.length]!;
    let at = performance.now();
    // As the server: the chunks received, joined and decoded.
    const text = Buffer.concat([body], body.length).toString('utf8');
    let now = performance.now();
    spent.read += now - at;
    at = now;
    const parsed = variant.parseReview(text);
    if (!parsed.ok) throw new Error(`review ${i % bodies.length} refused: ${parsed.message}`);
    now = performance.now();
    spent.parse += now - at;
    at = now;
    const decision = variant.engine.review(parsed.request);
    now = performance.now();
    spent.judge += now - at;
    at = now;
    // As the server: the answer written, its length taken, and copied into a Buffer (ASCII as Latin-1).
    const json = variant.reviewResponse(
      parsed.apiVersion,
      { uid: parsed.request.uid, ...decision.response },
      decision.warningsJson,
    );
    const length = Buffer.byteLength(json, 'utf8');
    const answer = Buffer.from(json, length === json.length ? 'latin1' : 'utf8');
    if (answer.length === 0) throw new Error('empty answer');
    now = performance.now();
    spent.answer += now - at;
    at = now;
    for (const { finding, mode } of decision.findings) variant.metrics.finding(finding.ruleId, mode);
    variant.metrics.observe((now - at) / 1000, decision.response.allowed ? 'allowed' : 'denied');
    spent.metrics += performance.now() - at;
    // What survived into the old generation: growth between samples (a full collection in between shrinks it).
    if (i % 500 === 499) {
      const old = oldGeneration();
      if (old > previous) promoted += old - previous;
      previous = old;
    }
  }
  const cpuUs = ((cpuNow() - cpu) * 1000) / count;
  const phases = { ...spent };
  for (const phase of PHASES) phases[phase] = (spent[phase] * 1000) / count;
  return { phases, cpuUs, promotedBytes: promoted / count, minor: 0, major: 0 };
}

// A full collection before each round, so that each starts from the same old generation (as `--expose-gc` would).
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Each review's answer, as this variant writes it. */
function answers(variant: Variant): string[] {
  return bodies.map((body) => {
    const parsed = variant.parseReview(body.toString('utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    const decision = variant.engine.review(parsed.request);
    return variant.reviewResponse(
      parsed.apiVersion,
      { uid: parsed.request.uid, ...decision.response },
      decision.warningsJson,
    );
  });
}
// The other checkout answers each review with the same text (else its figures are of other work).
if (vs !== undefined) {
  const mine = answers(variants[0]!);
  const theirs = answers(variants.at(-1)!);
  const differ = mine.findIndex((text, index) => text !== theirs[index]);
  if (differ >= 0) throw new Error(`review ${differ}: --vs ${vs} answers otherwise`);
}

// Warm-up: the JIT, and the young generation grown to its working size.
for (const variant of variants) round(variant, 3000);
for (let r = 0; r < ROUNDS; r++)
  for (const variant of r % 2 === 0 ? variants : [...variants].reverse()) {
    collect();
    // Its GC entry is delivered asynchronously: counted before the round starts, not in it.
    await new Promise((resolve) => setTimeout(resolve, 10));
    gcs = { minor: 0, major: 0 };
    const result = round(variant, REVIEWS);
    // GC entries are delivered asynchronously.
    await new Promise((resolve) => setTimeout(resolve, 10));
    result.minor = (gcs.minor * 10_000) / REVIEWS;
    result.major = (gcs.major * 10_000) / REVIEWS;
    variant.rounds.push(result);
  }

console.log(
  `Webhook phases: ${bodies.length} AdmissionReviews, ${ROUNDS} rounds of ${REVIEWS} per rule run, alternating; load average ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')}`,
);
console.log(
  `rule run  ${PHASES.map((phase) => `${phase} µs`.padEnd(11)).join('')}total µs   CPU µs   promoted B  GC per 10k (minor/full)`,
);
for (const variant of variants) {
  const phases = PHASES.map((phase) => median(variant.rounds.map((r) => r.phases[phase])));
  console.log(
    [
      variant.ruleRun.padEnd(10),
      ...phases.map((value) => value.toFixed(1).padEnd(10)),
      phases
        .reduce((sum, value) => sum + value, 0)
        .toFixed(1)
        .padEnd(10),
      median(variant.rounds.map((r) => r.cpuUs))
        .toFixed(1)
        .padEnd(8),
      median(variant.rounds.map((r) => r.promotedBytes))
        .toFixed(0)
        .padEnd(11),
      `${median(variant.rounds.map((r) => r.minor)).toFixed(0)}/${median(variant.rounds.map((r) => r.major)).toFixed(1)}`,
    ].join(' '),
  );
}
