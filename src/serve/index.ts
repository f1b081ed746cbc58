/**
 * `aksguard serve`: the validating admission webhook, put together — the namespace cache over the cluster's API,
 * the engine over the configuration, the HTTPS server with its certificate (mounted files reloaded on change, or
 * self-signed), and a graceful stop.
 */
import { writeFileSync } from 'node:fs';
import type { AksguardConfig } from '../config/config.js';
import type { Rule, ScanSettings } from '../rules/defineRule.js';
import { KubeClient } from '../sources/live/kubernetes/client.js';
import { type KubeTargetOptions, resolveKubeTarget } from '../sources/live/kubernetes/target.js';
import { AdmissionEngine } from './engine.js';
import { IdleCollector } from './idleGc.js';
import { WebhookMetrics } from './metrics.js';
import type { ModePolicy } from './modes.js';
import { NamespaceCache } from './namespaceCache.js';
import { WebhookServer } from './server.js';
import { loadTlsFiles, selfSignedTls, type TlsPair, watchTlsFiles } from './tls.js';
import { countV8Collections, minorCollector, youngGeneration } from './v8Gc.js';

export interface ServeOptions {
  port: number;
  host: string;
  tls:
    | { certFile: string; keyFile: string; reloadIntervalMs?: number }
    | { selfSigned: { service: string; namespace: string; caBundleOut?: string } };
  rules: readonly Rule[];
  config: AksguardConfig;
  settings: ScanSettings;
  modes: ModePolicy;
  /** Where the namespaces are read (the pod's service account in a cluster). */
  kube: KubeTargetOptions;
  maxBodyBytes?: number;
  requestTimeoutMs?: number;
  /** Collect the young generation while no review is in flight (src/serve/idleGc.ts). */
  idleGc?: boolean;
  log: (line: string) => void;
}

export interface RunningWebhook {
  port: number;
  /** The CA of a self-signed certificate (PEM), for the webhook configuration's caBundle. */
  caBundle?: string;
  server: WebhookServer;
  engine: AdmissionEngine;
  namespaces: NamespaceCache;
  metrics: WebhookMetrics;
  /** The idle collector, when on and V8 gives a minor collection. */
  idleCollector?: IdleCollector;
  shutdown(drainMs?: number): Promise<void>;
}

export async function startWebhook(options: ServeOptions): Promise<RunningWebhook> {
  let pair: TlsPair;
  let caBundle: string | undefined;
  let stopWatching = () => {};
  if ('selfSigned' in options.tls) {
    const made = await selfSignedTls(options.tls.selfSigned);
    pair = { cert: made.cert, key: made.key };
    caBundle = made.ca;
    if (options.tls.selfSigned.caBundleOut) writeFileSync(options.tls.selfSigned.caBundleOut, made.ca);
  } else pair = loadTlsFiles(options.tls.certFile, options.tls.keyFile);

  const target = await resolveKubeTarget(options.kube);
  // Few requests: one list and one long watch; the default limits of the live client.
  const client = new KubeClient(target, { requestTimeoutMs: 30_000 });
  const namespaces = new NamespaceCache(client, { onError: options.log });
  const metrics = new WebhookMetrics();
  const engine = new AdmissionEngine({
    rules: options.rules,
    config: options.config,
    settings: options.settings,
    modes: options.modes,
    namespaces,
  });
  const idleCollector = options.idleGc ? startIdleCollector(() => server, options.log) : undefined;
  const server: WebhookServer = new WebhookServer({
    engine,
    tls: pair,
    metrics,
    ready: () => namespaces.ready,
    log: options.log,
    ...(idleCollector ? { onIdle: () => idleCollector.idle() } : {}),
    ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
  });
  if (!('selfSigned' in options.tls))
    stopWatching = watchTlsFiles(
      options.tls.certFile,
      options.tls.keyFile,
      (renewed) => {
        server.setTls(renewed);
        options.log('aksguard serve: TLS certificate reloaded');
      },
      options.log,
      options.tls.reloadIntervalMs,
    );
  // Listening first (health checks answer), ready once the namespaces are known.
  const port = await server.listen(options.port, options.host);
  try {
    await namespaces.start();
  } catch (error) {
    stopWatching();
    idleCollector?.stop();
    await server.shutdown(0);
    client.close();
    throw error;
  }
  return {
    port,
    ...(caBundle ? { caBundle } : {}),
    server,
    engine,
    namespaces,
    metrics,
    ...(idleCollector ? { idleCollector } : {}),
    async shutdown(drainMs) {
      stopWatching();
      await server.shutdown(drainMs);
      idleCollector?.stop();
      await namespaces.close();
      client.close();
    },
  };
}

/** The idle collector over V8's young generation; none (and a log line) where V8 gives no minor collection. */
function startIdleCollector(
  server: () => WebhookServer,
  log: (line: string) => void,
): IdleCollector | undefined {
  const collect = minorCollector();
  if (!collect) {
    log('aksguard serve: no minor collection in this Node.js: --idle-gc is off');
    return undefined;
  }
  const v8Collections = countV8Collections();
  return new IdleCollector({
    young: youngGeneration,
    collectionsByV8: v8Collections.count,
    stopped: v8Collections.stop,
    collect,
    busy: () => server().reviewsInFlight > 0,
    now: () => performance.now(),
    // Not unref()'d: in this server an unref()'d 1 ms timer fired only when I/O next woke the loop (measured: the
    // check ran at the next request, 5–20 ms late), not in the idle gap it is for. stop() clears it.
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (timer) => clearTimeout(timer as NodeJS.Timeout),
  });
}
