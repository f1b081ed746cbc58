/**
 * A synthetic cluster shaped after the real one in research/netpol.md §6.1 (npinaeva/k8s-netpol-scale:
 * 5,413 pods, 604 namespaces, 13,678 NetworkPolicies; median policy: a few local pods, one CIDR, one
 * port, one pod selector, two peer pods; many rule-less policies). Deterministic for a given size.
 */

import type { EngineObject } from '../../src/engines/netpol/model.js';
import { allowDnsSpec, defaultDenySpec } from '../../src/fix/netpol.js';

export interface ClusterShape {
  namespaces: number;
  workloadsPerNamespace: number;
  podsPerWorkload: number;
  /** Every n-th namespace has no default-deny (left open). */
  openEvery: number;
  /** Distinct external CIDRs the egress rules draw from. */
  cidrPool: number;
}

export const REAL_CLUSTER: ClusterShape = {
  namespaces: 600,
  workloadsPerNamespace: 3,
  podsPerWorkload: 3,
  openEvery: 10,
  cidrPool: 200,
};

function policy(namespace: string, name: string, spec: Record<string, unknown>): EngineObject {
  return {
    raw: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec },
  };
}

const PORTS = [8080, 443, 5432, 6379, 9090, 3000];

export function generateCluster(shape: ClusterShape): {
  objects: EngineObject[];
  pods: number;
  policies: number;
} {
  const objects: EngineObject[] = [];
  let pods = 0;
  let policies = 0;
  const add = (p: EngineObject) => {
    objects.push(p);
    policies++;
  };
  objects.push({ raw: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } } });
  for (let r = 0; r < 2; r++) {
    objects.push({
      raw: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `coredns-${r}`,
          namespace: 'kube-system',
          labels: { 'k8s-app': 'kube-dns' },
          ownerReferences: [{ kind: 'ReplicaSet', name: 'coredns-5d8', controller: true }],
        },
        spec: {
          containers: [{ name: 'coredns', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] }],
        },
      },
    });
    pods++;
  }
  for (let n = 0; n < shape.namespaces; n++) {
    const ns = `ns-${n}`;
    const team = `t${n % 50}`;
    objects.push({
      raw: {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns, labels: { team, env: n % 3 === 0 ? 'dev' : 'prod' } },
      },
    });
    const tiers = ['web', 'api', 'db'];
    for (let w = 0; w < shape.workloadsPerNamespace; w++) {
      const app = `w${w}`;
      const tier = tiers[w % tiers.length]!;
      const port = PORTS[(n + w) % PORTS.length]!;
      for (let r = 0; r < shape.podsPerWorkload; r++) {
        objects.push({
          raw: {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: {
              name: `${app}-abc-${r}`,
              namespace: ns,
              labels: { app, tier, 'pod-template-hash': 'abc' },
              ownerReferences: [{ kind: 'ReplicaSet', name: `${app}-abc`, controller: true }],
            },
            spec: {
              containers: [
                {
                  name: app,
                  image: `registry.example/${app}`,
                  ports: [{ name: 'http', containerPort: port }],
                },
              ],
            },
            status: { podIP: `10.244.${n % 256}.${(w * shape.podsPerWorkload + r) % 256}` },
          },
        });
        pods++;
      }
    }
    const open = n % shape.openEvery === 0;
    if (!open) {
      add(policy(ns, 'default-deny', defaultDenySpec()));
      add(policy(ns, 'allow-dns', allowDnsSpec()));
    }
    for (let w = 0; w < shape.workloadsPerNamespace; w++) {
      const app = `w${w}`;
      const peer = `w${(w + 1) % shape.workloadsPerNamespace}`;
      const port = PORTS[(n + w) % PORTS.length]!;
      add(
        policy(ns, `${app}-from-${peer}`, {
          podSelector: { matchLabels: { app } },
          ingress: [{ from: [{ podSelector: { matchLabels: { app: peer } } }], ports: [{ port }] }],
        }),
      );
      add(
        policy(ns, `${app}-from-team`, {
          podSelector: { matchLabels: { app } },
          ingress: [
            {
              from: [
                {
                  namespaceSelector: { matchLabels: { team: `t${(n + 1) % 50}` } },
                  podSelector: { matchLabels: { app: 'w0' } },
                },
              ],
              ports: [{ port: 'http' }],
            },
          ],
        }),
      );
      const cidr = (n * 7 + w) % shape.cidrPool;
      if (open) continue; // open namespaces: ingress rules only, egress unrestricted
      add(
        policy(ns, `${app}-egress`, {
          podSelector: { matchLabels: { app } },
          policyTypes: ['Egress'],
          egress: [
            {
              to: [{ ipBlock: { cidr: `${20 + (cidr % 200)}.${(cidr * 13) % 256}.0.0/16` } }],
              ports: [{ port: 443 }],
            },
            {
              to: [{ podSelector: { matchLabels: { app: peer } } }],
              ports: [{ port: PORTS[(n + w + 1) % PORTS.length]! }],
            },
          ],
        }),
      );
      // Rule-less policies: the most common real shape (isolation only).
      add(
        policy(ns, `${app}-isolate-in`, { podSelector: { matchLabels: { app } }, policyTypes: ['Ingress'] }),
      );
      add(
        policy(ns, `${app}-isolate-out`, { podSelector: { matchLabels: { app } }, policyTypes: ['Egress'] }),
      );
    }
    add(
      policy(ns, 'allow-monitoring', {
        podSelector: {},
        ingress: [
          { from: [{ namespaceSelector: { matchLabels: { team: 't0' } } }], ports: [{ port: 9090 }] },
        ],
      }),
    );
    add(
      policy(ns, 'web-from-ingress', {
        podSelector: { matchLabels: { tier: 'web' } },
        ingress: [
          {
            from: [
              { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
            ],
          },
        ],
      }),
    );
    // Fill up to the real cluster's policy density (about 23 per namespace).
    for (let extra = 0; policies < ((n + 1) * 13700) / 600 && extra < 12; extra++) {
      add(
        policy(ns, `legacy-${extra}`, {
          podSelector: { matchLabels: { app: `retired-${extra}` } },
          ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'api' } } }], ports: [{ port: 8080 }] }],
        }),
      );
    }
  }
  return { objects, pods, policies };
}

/**
 * A cluster whose connections grow linearly with its size, for the growth tests: every namespace denies by default
 * and allows only its own chain web → api → db, DNS, and one external CIDR of its own from the web tier.
 */
export function generateIsolatedCluster(namespaces: number): EngineObject[] {
  const objects: EngineObject[] = [];
  const tiers = ['web', 'api', 'db'];
  for (let n = 0; n < namespaces; n++) {
    const ns = `iso-${n}`;
    objects.push({ raw: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } });
    tiers.forEach((tier, w) => {
      for (let r = 0; r < 2; r++)
        objects.push({
          raw: {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: {
              name: `${tier}-abc-${r}`,
              namespace: ns,
              labels: { app: tier, 'pod-template-hash': 'abc' },
              ownerReferences: [{ kind: 'ReplicaSet', name: `${tier}-abc`, controller: true }],
            },
            spec: { containers: [{ name: tier, ports: [{ name: 'http', containerPort: PORTS[w]! }] }] },
          },
        });
    });
    objects.push(policy(ns, 'default-deny', defaultDenySpec()));
    tiers.forEach((tier, w) => {
      const next = tiers[w + 1];
      if (next)
        objects.push(
          policy(ns, `${tier}-to-${next}`, {
            podSelector: { matchLabels: { app: tier } },
            policyTypes: ['Egress'],
            egress: [{ to: [{ podSelector: { matchLabels: { app: next } } }], ports: [{ port: 'http' }] }],
          }),
          policy(ns, `${next}-from-${tier}`, {
            podSelector: { matchLabels: { app: next } },
            ingress: [{ from: [{ podSelector: { matchLabels: { app: tier } } }], ports: [{ port: 'http' }] }],
          }),
        );
    });
    objects.push(
      policy(ns, 'web-egress', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: `${20 + (n % 200)}.${(n >> 8) % 256}.${n % 256}.0/24` } }] }],
      }),
    );
  }
  return objects;
}

/** One ReplicaSet's `pods` pods in one namespace, each with its address: the pod-IP growth case. */
export function oneOwnerPods(pods: number): EngineObject[] {
  const objects: EngineObject[] = [];
  for (let index = 0; index < pods; index++)
    objects.push({
      raw: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `web-abc-${index}`,
          namespace: 'big',
          labels: { app: 'web', 'pod-template-hash': 'abc' },
          ownerReferences: [{ kind: 'ReplicaSet', name: 'web-abc', controller: true }],
        },
        spec: {
          containers: [{ name: 'web', image: 'registry.example/web:1', ports: [{ containerPort: 8080 }] }],
        },
        status: { podIP: `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}` },
      },
    });
  return objects;
}
