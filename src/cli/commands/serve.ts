/** `aksguard serve`: argument parsing only; the webhook is src/serve/. */
import { type Command, Option } from 'commander';
import { defaultSettings, type ScanSettings } from '../../rules/defineRule.js';
import { allRules } from '../../rules/index.js';
import { resolveConfig } from '../../scan.js';
import { startWebhook } from '../../serve/index.js';
import { MODES, ModeError, parseModePolicy } from '../../serve/modes.js';
import { TlsError } from '../../serve/tls.js';
import type { KubeTargetOptions } from '../../sources/live/kubernetes/target.js';
import { type CliIo, EXIT_OK, UsageError } from '../io.js';
import { asUsageError, durationSeconds } from '../live.js';
import { byteSize, collect, pssLevelOption, pssVersionOption, setting } from '../options.js';

interface ServeFlags {
  port: string;
  address: string;
  tlsCertFile: string;
  tlsKeyFile: string;
  selfSigned?: boolean;
  service: string;
  serviceNamespace?: string;
  caBundleOut?: string;
  mode: string;
  modeFor?: string[];
  config?: string | false;
  pssLevel?: string;
  pssVersion?: string;
  context?: string;
  kubeconfig?: string;
  inCluster?: boolean;
  maxBody: string;
  requestTimeout: string;
  drain: string;
  idleGc?: boolean;
}

/** Whether `serve` collects while idle unless told (README, "Admission webhook": measured both ways). */
const IDLE_GC_DEFAULT = false;

export function register(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description(
      'run the validating admission webhook: judge each object at admission with the workload rules (audit, warn or enforce)',
    )
    .option('--port <n>', 'HTTPS port', '8443')
    .option('--address <ip>', 'address to listen on', '0.0.0.0')
    .option(
      '--tls-cert-file <file>',
      'serving certificate (PEM), reloaded when it changes',
      '/etc/aksguard/tls/tls.crt',
    )
    .option('--tls-key-file <file>', 'its private key (PEM)', '/etc/aksguard/tls/tls.key')
    .option('--self-signed', 'make a CA and a certificate for the Service at start instead of reading files')
    .option('--service <name>', '--self-signed: the webhook Service name', 'aksguard-webhook')
    .option(
      '--service-namespace <ns>',
      '--self-signed: its namespace (default: $POD_NAMESPACE, else aksguard)',
    )
    .option(
      '--ca-bundle-out <file>',
      "--self-signed: write the CA (PEM) here, for the webhook configuration's caBundle",
    )
    .addOption(
      new Option('--mode <mode>', 'what a finding does by default').choices([...MODES]).default('warn'),
    )
    .option(
      '--mode-for <selector=mode>',
      'mode for a rule id, a rule-id prefix ending in - (WL-PSS-) or a severity (critical), e.g. high=enforce (repeatable)',
      collect,
    )
    .option(
      '-c, --config <file>',
      'configuration file: rules, parameters, waivers (default: .aksguard.yaml found upward)',
    )
    .option('--no-config', 'ignore any configuration file')
    .addOption(pssLevelOption())
    .addOption(pssVersionOption())
    .option(
      '--in-cluster',
      "read namespaces with the pod's service account (the default when KUBERNETES_SERVICE_HOST is set)",
    )
    .option('--context <name>', 'read namespaces through this kubeconfig context')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, ~/.kube/config)')
    .option('--max-body <size>', 'largest AdmissionReview accepted', '7MiB')
    .option('--request-timeout <duration>', 'time a client has to send its whole request', '10s')
    .option('--drain <duration>', 'on SIGTERM, time given to reviews in flight', '20s')
    .option(
      '--idle-gc',
      'collect the young generation while no review is in flight, so that its pauses fall between bursts',
    )
    .option('--no-idle-gc', 'leave every collection to V8')
    .action(async (flags: ServeFlags) => {
      io.exitCode = await runServe(flags, io).catch(asUsageError);
    });
}

async function runServe(flags: ServeFlags, io: CliIo): Promise<number> {
  let modes: ReturnType<typeof parseModePolicy>;
  try {
    modes = parseModePolicy(flags.mode, flags.modeFor ?? []);
  } catch (error) {
    if (error instanceof ModeError) throw new UsageError(error.message);
    throw error;
  }
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number (got "${flags.port}")`);
  const config = resolveConfig(flags.config === false ? false : flags.config, io.cwd);
  const settings: ScanSettings = { ...defaultSettings(), ...config.settings };
  if (flags.pssLevel) settings.pssLevel = setting('pssLevel', flags.pssLevel, '--pss-level');
  if (flags.pssVersion) settings.pssVersion = setting('pssVersion', flags.pssVersion, '--pss-version');
  const kube: KubeTargetOptions = { env: io.env };
  if (flags.kubeconfig !== undefined) kube.kubeconfig = flags.kubeconfig;
  if (flags.context !== undefined) kube.context = flags.context;
  if (
    flags.inCluster ||
    (flags.context === undefined && flags.kubeconfig === undefined && io.env.KUBERNETES_SERVICE_HOST)
  )
    kube.inCluster = true;
  const log = (line: string) => io.err(`${line}\n`);
  let running: Awaited<ReturnType<typeof startWebhook>>;
  try {
    running = await startWebhook({
      port,
      host: flags.address,
      tls: flags.selfSigned
        ? {
            selfSigned: {
              service: flags.service,
              namespace: flags.serviceNamespace ?? io.env.POD_NAMESPACE ?? 'aksguard',
              ...(flags.caBundleOut ? { caBundleOut: flags.caBundleOut } : {}),
            },
          }
        : { certFile: flags.tlsCertFile, keyFile: flags.tlsKeyFile },
      rules: allRules,
      config,
      settings,
      modes,
      kube,
      maxBodyBytes: byteSize(flags.maxBody),
      requestTimeoutMs: durationSeconds(flags.requestTimeout, '--request-timeout') * 1000,
      idleGc: flags.idleGc ?? IDLE_GC_DEFAULT,
      log,
    });
  } catch (error) {
    if (error instanceof TlsError) throw new UsageError(error.message);
    throw error;
  }
  log(
    `aksguard serve: listening on https://${flags.address}:${running.port}/validate with ${running.engine.rules.length} rules (default mode ${modes.default}); ${running.namespaces.size} namespaces known`,
  );
  const drainMs = durationSeconds(flags.drain, '--drain') * 1000;
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  log('aksguard serve: stopping, answering the reviews in flight');
  await running.shutdown(drainMs);
  return EXIT_OK;
}
