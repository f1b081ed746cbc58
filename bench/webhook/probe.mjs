/**
 * Preloaded (`--import`) into the `aksguard serve` process the webhook bench starts: the shipped CLI (bin/aksguard.js
 * over the esbuild bundle, no TypeScript loader) with its own signal handling, plus what the bench needs to read from
 * inside it over IPC. Every second its memory and CPU; on `sample`, what it saw since the previous sample — its
 * event-loop delay (how late a 1 ms timer ran: a request arriving then waits as long before it is read), its
 * garbage-collection pauses, the connections it accepted (each a TLS handshake), and its own time per review (from the request's headers parsed to the response handed to
 * the socket, through Node's `http.server.*` diagnostics channels) — then a full collection (the bench's, counted in
 * no sample) and its memory after it; on `stop`, SIGTERM: the webhook's own graceful stop.
 */
import { subscribe } from 'node:diagnostics_channel';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
let gc = { count: 0, totalMs: 0, maxMs: 0, majorCount: 0, idleCount: 0, inReviewCount: 0, inReviewMs: 0 };
/** Pauses (start, duration, ms) since the last sample, to tell those inside a review from the others. */
let pauses = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const forced = entry.detail && entry.detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED;
    // The bench's own full collection between loads is not the webhook's; a forced minor one is the webhook's idle
    // collector (aksguard serve --idle-gc).
    if (forced && entry.detail.kind !== constants.NODE_PERFORMANCE_GC_MINOR) continue;
    gc.count++;
    gc.totalMs += entry.duration;
    gc.maxMs = Math.max(gc.maxMs, entry.duration);
    if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.majorCount++;
    if (forced) gc.idleCount++;
    pauses.push(entry.startTime, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });

// TCP connections accepted (each one a TLS handshake): the API server reuses its keep-alive connections, so should
// the bench's clients.
let connections = 0;
subscribe('net.server.socket', () => {
  connections++;
});

const started = new WeakMap();
let handled = [];
/** Each review's start and end (ms), to find the collections that paused one. */
let spans = [];
subscribe('http.server.request.start', ({ request, response }) => {
  if (request.url === '/validate') started.set(response, performance.now());
});
subscribe('http.server.response.finish', ({ response }) => {
  const at = started.get(response);
  if (at === undefined) return;
  const now = performance.now();
  handled.push(now - at);
  spans.push(at, now);
});

/** Counts the pauses that began while a review was in flight (headers parsed, response not yet written). */
function pausesInReviews() {
  const order = Array.from({ length: spans.length / 2 }, (_, i) => i).sort(
    (a, b) => spans[2 * a] - spans[2 * b],
  );
  const gcs = Array.from({ length: pauses.length / 2 }, (_, i) => i).sort(
    (a, b) => pauses[2 * a] - pauses[2 * b],
  );
  let next = 0;
  let reach = Number.NEGATIVE_INFINITY;
  for (const g of gcs) {
    const at = pauses[2 * g];
    while (next < order.length && spans[2 * order[next]] <= at)
      reach = Math.max(reach, spans[2 * order[next++] + 1]);
    if (at < reach) {
      gc.inReviewCount++;
      gc.inReviewMs += pauses[2 * g + 1];
    }
  }
}

/** Node 20 records the time between the timer's runs: its 1 ms period is not delay (ms). */
const lateness = (nanoseconds) => Math.max(0, nanoseconds / 1e6 - 1);

const memory = () => {
  const usage = process.memoryUsage();
  const cpu = process.cpuUsage();
  return { rss: usage.rss, heapUsed: usage.heapUsed, cpuMs: (cpu.user + cpu.system) / 1000 };
};
setInterval(() => process.send?.(memory()), 1000).unref();
process.on('message', (message) => {
  if (message === 'sample') {
    pausesInReviews();
    const loop = {
      count: delay.count,
      p50: lateness(delay.percentile(50)),
      p99: lateness(delay.percentile(99)),
      max: lateness(delay.max),
    };
    const sample = { loop, gc, handled, connections };
    globalThis.gc?.();
    const after = memory();
    // Counting starts again once the loop has run past the collection (its timer would record the pause).
    setTimeout(() => {
      delay.reset();
      gc = { count: 0, totalMs: 0, maxMs: 0, majorCount: 0, idleCount: 0, inReviewCount: 0, inReviewMs: 0 };
      pauses = [];
      spans = [];
      handled = [];
      connections = 0;
      process.send?.({ sample, ...after });
    }, 20);
  }
  if (message === 'stop') process.kill(process.pid, 'SIGTERM');
});
// The bench gone (ended or killed), the server stops too: no webhook left running.
process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
// The IPC channel must not keep the webhook alive once it has stopped.
process.channel?.unref();
