import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KUBERNETES_KINDS } from '../../src/model/inputs.js';
import { realisticCluster } from './cluster.js';
import type { FakeClusterState } from './clusterState.js';
import { type FakeKubeApi, type FakeKubeApiOptions, startFakeKubeApi } from './kubeApiServer.js';

export interface LiveFixture {
  api: FakeKubeApi;
  /** A temporary folder for kubeconfigs, snapshots and reports. */
  dir: string;
  /** A kubeconfig (context `fake`, bearer token) for the server. */
  kubeconfig: string;
  close(): Promise<void>;
}

/** A fake API server over the realistic cluster (or `state`), with a kubeconfig in a temporary folder. */
export async function liveFixture(
  state: FakeClusterState = realisticCluster(),
  options: FakeKubeApiOptions = {},
): Promise<LiveFixture> {
  const api = await startFakeKubeApi(state, {
    // Every optional group is served: the CRDs of the network policy API, the workload operators and app routing.
    servedOptionalGroups: [
      ...new Set(Object.values(KUBERNETES_KINDS).flatMap((info) => (info.optional ? [info.group] : []))),
    ],
    ...options,
  });
  const dir = mkdtempSync(join(tmpdir(), 'aksguard-live-'));
  const kubeconfig = api.writeKubeconfig(join(dir, 'kubeconfig'));
  return {
    api,
    dir,
    kubeconfig,
    async close() {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const EXEC_PLUGIN = new URL('./execCredential.mjs', import.meta.url).pathname;
