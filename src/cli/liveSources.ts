/**
 * The live sources built from the command's live flags (`src/cli/live.ts` loads this module only when one is given).
 */
import { type AzureCredentialKind, azureCredential } from '../sources/live/azure/credential.js';
import { findClusterByServer } from '../sources/live/azure/resourceGraph.js';
import { AzureClusterSource } from '../sources/live/azure/source.js';
import { LiveSourceError } from '../sources/live/errors.js';
import { KubernetesSource } from '../sources/live/kubernetes/source.js';
import {
  commandExists,
  execCommandOf,
  isKubelogin,
  type KubeTargetOptions,
  resolveKubeTarget,
} from '../sources/live/kubernetes/target.js';
import type { CliIo } from './io.js';
import {
  durationSeconds,
  type LiveFlags,
  type LiveSourceOptions,
  type LiveSources,
  positive,
  wantsKubernetes,
} from './live.js';

export async function buildLiveSources(
  flags: LiveFlags,
  io: CliIo,
  options: LiveSourceOptions,
): Promise<LiveSources> {
  const credentialKind = (flags.azureCredential ?? 'default') as AzureCredentialKind;
  let credential: ReturnType<typeof azureCredential> | undefined;
  const azure = () => {
    credential ??= azureCredential(credentialKind);
    return credential;
  };
  const out: LiveSources = { sources: [] };
  const target: KubeTargetOptions = { env: io.env };
  if (flags.kubeconfig !== undefined) target.kubeconfig = flags.kubeconfig;
  if (flags.context !== undefined) target.context = flags.context;
  if (flags.inCluster) target.inCluster = true;
  if (wantsKubernetes(flags)) {
    // kubelogin is optional on AKS: without it, the Entra token comes from @azure/identity.
    const command = await execCommandOf(target);
    const useAzure =
      flags.kubeCredential === 'azure' ||
      (flags.kubeCredential === undefined &&
        command !== undefined &&
        isKubelogin(command) &&
        !commandExists(command, io.env));
    if (useAzure) target.azureCredential = azure();
    out.kubernetes = new KubernetesSource({
      ...target,
      qps: positive(flags.qps, '--qps', 50),
      burst: positive(flags.burst, '--burst', 100),
      pageSize: Math.round(positive(flags.pageSize, '--page-size', 500)),
      timeoutSeconds: durationSeconds(flags.timeout ?? '10m', '--timeout'),
      requestTimeoutMs: durationSeconds(flags.requestTimeout ?? '60s', '--request-timeout') * 1000,
      ...(flags.includeSecretValues ? { secretValues: true } : {}),
      ...(options.namespaces && !flags.allNamespaces ? { namespaces: options.namespaces } : {}),
      ...(options.onProgress
        ? {
            onProgress: (p) =>
              options.onProgress?.(
                `listing ${p.kindsDone}/${p.kinds} kinds: ${p.objects.toLocaleString('en-US')} objects, ${p.pages} pages`,
              ),
          }
        : {}),
    });
    out.sources.push(out.kubernetes);
  }
  if (flags.azureCluster !== undefined) {
    const clusterId =
      flags.azureCluster === 'auto'
        ? async () => {
            if (!wantsKubernetes(flags))
              throw new LiveSourceError(
                '--azure-cluster auto finds the cluster from the kubeconfig: give --context or --kubeconfig too',
              );
            const server = (await resolveKubeTarget({ ...target, ...(target.azureCredential ? {} : {}) }))
              .server;
            return findClusterByServer(server, { credential: azure() });
          }
        : flags.azureCluster;
    out.azure = new AzureClusterSource(clusterId, { credential: azure() });
    out.sources.push(out.azure);
  }
  return out;
}
