import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { bootstrapObjects } from '../conformance/rbac/bootstrap.js';
import { type ClusterOptions, FakeClusterState } from './clusterState.js';

const root = new URL('../../', import.meta.url);

function manifests(relative: string): unknown[] {
  const text = readFileSync(new URL(relative, root), 'utf8');
  return parseAllDocuments(text).map((document) => document.toJS());
}

/**
 * A realistic small AKS cluster as its API server serves it: the bootstrap RBAC policy, the AKS add-ons of
 * kube-system, the AKS store demo in `pets`, the tenants of `test/fakes/cluster/tenants.yaml` and the operator objects
 * of `test/fakes/cluster/operators.yaml` (an Argo Rollout, an application routing NginxIngressController).
 */
export function realisticCluster(options: ClusterOptions = {}): FakeClusterState {
  const state = new FakeClusterState(options);
  // The bootstrap RBAC objects every cluster has (the vendored upstream bootstrap policy).
  state.applyAll(bootstrapObjects(), 'kube-system');
  state.applyAll(manifests('test/fakes/cluster/aks-system.yaml'), 'kube-system');
  state.applyAll(manifests('test/fakes/cluster/tenants.yaml'), 'pets');
  state.applyAll(manifests('test/fakes/cluster/operators.yaml'), 'pets');
  state.applyAll(manifests('examples/aks-store-demo/aks-store-all-in-one.yaml'), 'pets');
  return state;
}
