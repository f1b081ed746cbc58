import { namespacesWithoutDefaultDeny } from '../../engines/netpol/index.js';
import { defineRule } from '../defineRule.js';
import { NETWORK } from '../inputs.js';
import { netpolOf } from './netpolContext.js';

export default defineRule({
  id: 'NP-noDefaultDeny',
  title: 'Namespace without a default-deny NetworkPolicy',
  description:
    'Zero trust starts from deny: a namespace needs a policy with `podSelector: {}` covering Ingress and one covering Egress, so that every pod, including the ones added later, is isolated and only explicitly allowed traffic flows. Without it any new pod accepts connections from everywhere and may reach anything, the Azure instance metadata endpoint included.',
  severity: 'medium',
  family: 'network',
  inputs: NETWORK,
  seed: true,
  refs: [
    'CIS Kubernetes 5.3.2',
    'NSA/CISA Kubernetes Hardening Guide: network separation',
    'Checkov CKV2_K8S_6',
  ],
  fix: {
    manifest:
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: default-deny, namespace: <ns> }\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n# then allow DNS egress and each intended flow; `aksguard fix netpol` writes these.',
  },
  check(context) {
    const analysis = netpolOf(context);
    for (const gap of namespacesWithoutDefaultDeny(analysis)) {
      const namespaceObject = context.inventory.namespaces.get(gap.namespace)?.object;
      const firstWorkload = analysis.workloads.find((w) => w.namespace === gap.namespace)!.objects[0]!;
      const message = `Namespace ${gap.namespace} has no default-deny NetworkPolicy for ${gap.direction}: pods not selected by another policy ${
        gap.direction === 'Ingress'
          ? 'accept connections from any pod and address'
          : 'may connect to any pod and address'
      }`;
      if (namespaceObject) {
        context.report({
          object: namespaceObject,
          key: gap.direction,
          message,
          evidence: { direction: gap.direction },
        });
      } else {
        context.report({
          resource: { apiVersion: 'v1', kind: 'Namespace', name: gap.namespace },
          location: firstWorkload.location,
          key: gap.direction,
          message,
          evidence: {
            direction: gap.direction,
            locatedAt: `${firstWorkload.kind} ${gap.namespace}/${firstWorkload.metadata.name}`,
          },
        });
      }
    }
  },
});
