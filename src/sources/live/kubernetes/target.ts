import { existsSync } from 'node:fs';
import type { RequestOptions } from 'node:https';
import { basename, delimiter, isAbsolute, join } from 'node:path';
import type { TokenCredential } from '@azure/identity';
import type { KubeConfig } from '@kubernetes/client-node';
import { LiveSourceError } from '../errors.js';

/** How to reach a cluster's API server: `--kubeconfig` / `--context`, or the pod's service account. */
export interface KubeTargetOptions {
  /** Kubeconfig file; default as kubectl: `$KUBECONFIG` (files joined by the path delimiter), else `~/.kube/config`. */
  kubeconfig?: string;
  /** Context of the kubeconfig; default its current context. */
  context?: string;
  /** Use the pod's service account (`/var/run/secrets/kubernetes.io/serviceaccount`, `KUBERNETES_SERVICE_HOST`). */
  inCluster?: boolean;
  /** Root of the service account files, for tests of `inCluster`. */
  inClusterRoot?: string;
  /**
   * Authenticate with an Entra token for the AKS server application instead of the kubeconfig user's credentials
   * (what kubelogin would fetch), so kubelogin need not be installed.
   */
  azureCredential?: TokenCredential;
  /** Seconds a credential plugin (kubelogin ...) may take before the read fails. Default 60. */
  execTimeoutSeconds?: number;
  env?: Record<string, string | undefined>;
}

/** The AKS AAD server application (the same for every AKS cluster); kubelogin asks for this scope. */
/** @kubernetes/client-node, loaded with the first live read: a scan of files never pays for it. */
function clientNode(): Promise<typeof import('@kubernetes/client-node')> {
  return import('@kubernetes/client-node');
}

export const AKS_SERVER_SCOPE = '6dae42f8-4368-4678-94ff-3960e28e3630/.default';

export interface KubeTarget {
  /** Shown in coverage and messages: `context NAME` or `in-cluster`. */
  name: string;
  /** API server URL without a trailing slash. */
  server: string;
  /** The context's default namespace (kubectl's `-n` default). */
  namespace?: string;
  /** TLS material and static headers for every request (no credentials). */
  tls: Pick<
    RequestOptions,
    'ca' | 'cert' | 'key' | 'rejectUnauthorized' | 'servername' | 'pfx' | 'passphrase'
  >;
  /** The `Authorization` header (and others a provider sets), fetched again when `refresh` is true (after a 401). */
  authHeaders(refresh?: boolean): Promise<Record<string, string>>;
}

/**
 * Resolves where and how to connect, with @kubernetes/client-node doing what kubectl does with a kubeconfig: merged
 * `$KUBECONFIG`, contexts, client certificates, tokens, exec credential plugins (kubelogin) and in-cluster config.
 */
export async function resolveKubeTarget(options: KubeTargetOptions): Promise<KubeTarget> {
  const { KubeConfig } = await clientNode();
  const kc = new KubeConfig();
  const env = options.env ?? process.env;
  let name: string;
  try {
    if (options.inCluster) {
      if (!env.KUBERNETES_SERVICE_HOST)
        throw new LiveSourceError(
          '--in-cluster: KUBERNETES_SERVICE_HOST is not set (not running in a pod, or the service links are off)',
        );
      kc.loadFromCluster(options.inClusterRoot ?? '');
      name = 'in-cluster';
    } else {
      const files = kubeconfigFiles(options.kubeconfig, env);
      if (files.length === 0)
        throw new LiveSourceError(
          'no kubeconfig found: give --kubeconfig FILE, set KUBECONFIG, or run az aks get-credentials',
        );
      loadFiles(kc, files);
      if (options.context !== undefined) {
        if (!kc.getContextObject(options.context))
          throw new LiveSourceError(
            `context "${options.context}" is not in the kubeconfig (contexts: ${kc.contexts.map((c) => c.name).join(', ') || 'none'})`,
          );
        kc.setCurrentContext(options.context);
      }
      const current = kc.getCurrentContext();
      if (!current) throw new LiveSourceError('the kubeconfig has no current context: give --context NAME');
      name = `context ${current}`;
    }
  } catch (error) {
    if (error instanceof LiveSourceError) throw error;
    throw new LiveSourceError(`cannot read the kubeconfig: ${(error as Error).message}`);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new LiveSourceError(`${name}: the context names no cluster`);
  const server = cluster.server.replace(/\/+$/, '');
  if (!/^https:\/\//i.test(server))
    throw new LiveSourceError(`${name}: the API server ${server} is not https; aksguard talks TLS only`);
  const context = kc.getContextObject(kc.getCurrentContext());

  const user = kc.getCurrentUser();
  const azure = options.azureCredential ?? undefined;
  if (azure && user) {
    // The Entra token replaces the user's own credentials: its exec plugin (kubelogin) is never run.
    const { exec: _exec, authProvider: _provider, token: _token, ...tlsOnly } = user;
    kc.users = kc.users.map((entry) => (entry.name === user.name ? { ...tlsOnly } : entry));
  }
  const execTimeout = (options.execTimeoutSeconds ?? 60) * 1000;
  // TLS material without credentials: the user's client certificate is TLS, its token is a header.
  const base: RequestOptions = {};
  await withTimeout(
    kc.applyToHTTPSOptions(base),
    execTimeout,
    `${name}: the credential plugin did not answer in ${execTimeout / 1000} s (an interactive login?)`,
  ).catch((error: unknown) => {
    throw credentialError(name, user?.exec?.command, error);
  });
  const tls: KubeTarget['tls'] = {};
  for (const key of ['ca', 'cert', 'key', 'rejectUnauthorized', 'servername', 'pfx', 'passphrase'] as const)
    if (base[key] !== undefined) (tls as Record<string, unknown>)[key] = base[key];
  let headers = headersOf(base);
  const target: KubeTarget = {
    name,
    server,
    tls,
    async authHeaders(refresh = false) {
      if (azure) {
        const token = await azure.getToken(AKS_SERVER_SCOPE);
        if (!token) throw new LiveSourceError(`${name}: no Entra token for the AKS server application`);
        return { Authorization: `Bearer ${token.token}` };
      }
      if (refresh) {
        const fresh: RequestOptions = {};
        await withTimeout(kc.applyToHTTPSOptions(fresh), execTimeout, 'credential refresh timed out').catch(
          (error: unknown) => {
            throw credentialError(name, user?.exec?.command, error);
          },
        );
        headers = headersOf(fresh);
      }
      return headers;
    },
  };
  if (context?.namespace) target.namespace = context.namespace;
  return target;
}

/** kubectl's kubeconfig search: `--kubeconfig`, else each existing file of `$KUBECONFIG`, else `~/.kube/config`. */
function kubeconfigFiles(explicit: string | undefined, env: Record<string, string | undefined>): string[] {
  if (explicit !== undefined) {
    if (!existsSync(explicit)) throw new LiveSourceError(`--kubeconfig ${explicit}: no such file`);
    return [explicit];
  }
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter((file) => file !== '' && existsSync(file));
  if (fromEnv.length > 0) return fromEnv;
  const home = env.HOME ?? env.USERPROFILE;
  const fallback = home ? join(home, '.kube', 'config') : undefined;
  return fallback && existsSync(fallback) ? [fallback] : [];
}

/** kubectl's merge of several kubeconfig files: the first file that sets a value wins. */
function loadFiles(kc: KubeConfig, files: readonly string[]): void {
  kc.loadFromFile(files[0]!);
  for (const file of files.slice(1)) {
    const next = new (kc.constructor as typeof KubeConfig)();
    next.loadFromFile(file);
    kc.mergeConfig(next, true);
  }
}

function headersOf(options: RequestOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.headers ?? {}))
    if (typeof value === 'string') out[key] = value;
  if (options.auth) out.Authorization = `Basic ${Buffer.from(options.auth).toString('base64')}`;
  return out;
}

/** A credential plugin's failure, with the fix for the usual AKS case (kubelogin missing or interactive). */
function credentialError(name: string, command: string | undefined, error: unknown): LiveSourceError {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.trim().split('\n')[0] ?? '';
  if (command !== undefined && isKubelogin(command))
    return new LiveSourceError(
      `${name}: kubelogin failed (${first || 'no message'}); install kubelogin, run \`kubelogin convert-kubeconfig -l azurecli\`, or pass --kube-credential azure to use an Entra token from az login, workload identity or a managed identity`,
    );
  return new LiveSourceError(`${name}: cannot get credentials: ${first || 'the credential plugin failed'}`);
}

export function isKubelogin(command: string): boolean {
  return /^kubelogin(\.exe)?$/i.test(basename(command));
}

/** Whether a command of a kubeconfig exec plugin can be found (absolute path, or on PATH). */
export function commandExists(
  command: string,
  env: Record<string, string | undefined> = process.env,
): boolean {
  if (isAbsolute(command)) return existsSync(command);
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && (existsSync(join(dir, command)) || existsSync(join(dir, `${command}.exe`)))) return true;
  }
  return false;
}

/** The kubeconfig user's exec command, if it has one (to offer the Entra token when kubelogin is missing). */
export async function execCommandOf(options: KubeTargetOptions): Promise<string | undefined> {
  if (options.inCluster) return undefined;
  const { KubeConfig } = await clientNode();
  try {
    const kc = new KubeConfig();
    const files = kubeconfigFiles(options.kubeconfig, options.env ?? process.env);
    if (files.length === 0) return undefined;
    loadFiles(kc, files);
    if (options.context !== undefined) kc.setCurrentContext(options.context);
    return kc.getCurrentUser()?.exec?.command;
  } catch {
    return undefined;
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
