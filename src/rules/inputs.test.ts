import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KUBERNETES_KIND_NAMES, KUBERNETES_KINDS, type KubernetesKindInfo } from '../model/inputs.js';
import { WORKLOAD_KINDS as WORKLOAD_TABLE } from '../model/workloadKinds.js';
import { ruleById } from './index.js';
import { NETWORK, WORKLOAD_KINDS } from './inputs.js';

function kubernetesInputs(id: string): readonly string[] {
  const rule = ruleById(id);
  assert.ok(rule, id);
  return rule.inputs.kubernetes ?? [];
}

describe('rule inputs: what a live read lists', () => {
  it('every kind whose objects make pods is a workload input, the operator CRDs as optional kinds', () => {
    const listed = (entry: (typeof WORKLOAD_TABLE)[number]) =>
      KUBERNETES_KIND_NAMES.find((name) => {
        const info: KubernetesKindInfo = KUBERNETES_KINDS[name];
        return info.kind === entry.kind && (entry.group === undefined || entry.group === info.group);
      });
    assert.deepEqual(
      WORKLOAD_TABLE.map((entry) => listed(entry)),
      WORKLOAD_TABLE.map((entry) => entry.kind),
    );
    assert.deepEqual(WORKLOAD_KINDS, [
      'Pod',
      'PodTemplate',
      'ReplicationController',
      'Deployment',
      'StatefulSet',
      'DaemonSet',
      'ReplicaSet',
      'Job',
      'CronJob',
      'Rollout',
      'CloneSet',
      'ScaledJob',
      'Prometheus',
      'Alertmanager',
      'ThanosRuler',
    ]);
  });

  it('the CRD kinds are listed where their upstream CRDs serve them, only when served', () => {
    const crds = KUBERNETES_KIND_NAMES.map((name): KubernetesKindInfo => KUBERNETES_KINDS[name])
      .filter((info) => info.optional)
      .map((info) => `${info.group}/${info.version} ${info.resource} ${info.namespaced ? 'ns' : 'cluster'}`);
    assert.deepEqual(crds, [
      'policy.networking.k8s.io/v1alpha1 adminnetworkpolicies cluster',
      'policy.networking.k8s.io/v1alpha1 baselineadminnetworkpolicies cluster',
      'argoproj.io/v1alpha1 rollouts ns',
      'apps.kruise.io/v1alpha1 clonesets ns',
      'keda.sh/v1alpha1 scaledjobs ns',
      'monitoring.coreos.com/v1 prometheuses ns',
      'monitoring.coreos.com/v1 alertmanagers ns',
      'monitoring.coreos.com/v1 thanosrulers ns',
      'approuting.kubernetes.azure.com/v1alpha1 nginxingresscontrollers cluster',
    ]);
  });

  it('the rules that judge public exposure read the application routing controllers', () => {
    for (const id of ['AKS-NET-10', 'WL-NET-publicLoadBalancer'])
      assert.ok(kubernetesInputs(id).includes('NginxIngressController'), id);
    // AKS-NET-10 also maps Ingresses to the public controllers' classes.
    assert.ok(kubernetesInputs('AKS-NET-10').includes('Ingress'));
  });

  it('AKS-NET-12 asks the netpol engine: it reads everything the engine reads', () => {
    assert.deepEqual(
      (NETWORK.kubernetes ?? []).filter((kind) => !kubernetesInputs('AKS-NET-12').includes(kind)),
      [],
    );
    // The engine itself: LoadBalancer Services (NPM's ingress bypass) and Ingresses (netpol-analyzer's source).
    assert.ok(NETWORK.kubernetes?.includes('Service'));
    assert.ok(NETWORK.kubernetes?.includes('Ingress'));
    assert.deepEqual(ruleById('AKS-NET-12')?.inputs.azure, ['ManagedCluster']);
  });
});
