import { resolve } from 'node:path';
import type { Command } from 'commander';
import { KUBERNETES_KIND_NAMES } from '../../model/inputs.js';
import { writeSnapshot } from '../../sources/snapshot.js';
import { type CliIo, EXIT_OK, UsageError } from '../io.js';
import { addLiveOptions, asUsageError, type LiveFlags, liveSourcesOf, wantsKubernetes } from '../live.js';
import { progressReporter } from './scan.js';

interface SnapshotFlags extends LiveFlags {
  output?: string;
  namespace?: string;
}

/**
 * `aksguard snapshot`: what a live read returns, written as plain files that `aksguard scan DIR` reads offline with
 * identical results (to share a scan, or reproduce a bug without the cluster).
 */
export function register(program: Command, io: CliIo): void {
  const command = program
    .command('snapshot')
    .description(
      'read a live cluster (and its Azure resource) and write what was read as files to scan offline',
    )
    .requiredOption('-o, --output <dir>', 'folder to write (created if needed)')
    .option('-n, --namespace <namespace>', 'read only this namespace');
  addLiveOptions(command, { secrets: true }).action(async (flags: SnapshotFlags) => {
    io.exitCode = await runSnapshot(flags, io).catch(asUsageError);
  });
}

async function runSnapshot(flags: SnapshotFlags, io: CliIo): Promise<number> {
  if (!wantsKubernetes(flags) && flags.azureCluster === undefined)
    throw new UsageError('give a live cluster: --context, --kubeconfig, --in-cluster and/or --azure-cluster');
  const progress = progressReporter(io);
  const live = await liveSourcesOf(flags, io, {
    ...(flags.namespace ? { namespaces: [flags.namespace] } : {}),
    onProgress: progress.update,
  });
  // Every kind any rule reads, so that a scan of the snapshot may run any rules.
  for (const source of live.sources)
    await source.read({ defaultNamespace: 'default', inputs: { kubernetes: KUBERNETES_KIND_NAMES } });
  progress.done();
  const dir = resolve(io.cwd, flags.output!);
  const files = writeSnapshot(dir, {
    ...(live.kubernetes?.lastRead ? { kubernetes: live.kubernetes.lastRead } : {}),
    ...(live.azure?.lastRead ? { azure: live.azure.lastRead } : {}),
  });
  const objects = live.kubernetes?.lastRead?.lists.reduce((sum, list) => sum + list.items.length, 0) ?? 0;
  const unreadable = [
    ...(live.kubernetes?.lastRead?.unreadable ?? []),
    ...(live.azure?.lastRead?.unreadable ?? []),
  ];
  io.err(
    `aksguard: wrote ${files.length} file(s) to ${flags.output}: ${objects.toLocaleString('en-US')} Kubernetes objects${live.azure?.lastRead ? ', the Azure cluster resources' : ''}; Secret values are never written\n`,
  );
  for (const entry of unreadable)
    io.err(
      `aksguard: not in the snapshot: ${entry.kind}${entry.namespace ? ` in ${entry.namespace}` : ''} (${entry.reason})\n`,
    );
  return EXIT_OK;
}
