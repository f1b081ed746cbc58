import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { type ClusterOptions, FakeClusterState } from './clusterState.js';

const root = new URL('../../', import.meta.url);

function manifests(relative: string): unknown[] {
  const text = readFileSync(new URL(relative, root), 'utf8');
  return parseAllDocuments(text).map((document) => document.toJS());
}

/** The bootstrap RBAC objects every cluster has (the vendored upstream bootstrap policy). */
export const BOOTSTRAP_FILES = [
  'cluster-roles.yaml',
  'cluster-role-bindings.yaml',
  'controller-roles.yaml',
  'controller-role-bindings.yaml',
  'namespace-roles.yaml',
  'namespace-role-bindings.yaml',
].map((file) => `test/conformance/rbac/data/bootstrap/${file}`);

/**
 * A realistic small AKS cluster as its API server serves it: the bootstrap RBAC policy, the AKS add-ons of
 * kube-system, the AKS store demo in `pets`, and the tenants of `test/fakes/cluster/tenants.yaml`.
 */
export function realisticCluster(options: ClusterOptions = {}): FakeClusterState {
  const state = new FakeClusterState(options);
  for (const file of BOOTSTRAP_FILES) state.applyAll(manifests(file), 'kube-system');
  state.applyAll(manifests('test/fakes/cluster/aks-system.yaml'), 'kube-system');
  state.applyAll(manifests('test/fakes/cluster/tenants.yaml'), 'pets');
  state.applyAll(manifests('examples/aks-store-demo/aks-store-all-in-one.yaml'), 'pets');
  return state;
}
