import { defineRule } from '../defineRule.js';

export default defineRule({
  id: 'WL-NET-externalIPs',
  title: 'Service claims external IPs or redirects to an external name',
  description:
    '`spec.externalIPs` lets whoever can create a Service intercept traffic to any IP address, including other tenants` (CVE-2020-8554). An ExternalName Service turns a cluster DNS name into an alias for an arbitrary host, a confused-deputy risk for ingress controllers (CVE-2021-25740). Block both unless an operator owns them.',
  severity: 'high',
  family: 'workload',
  inputs: { kubernetes: ['Service'] },
  refs: ['CVE-2020-8554', 'CVE-2021-25740', 'Trivy KSV-0108', 'Azure Policy AllowedExternalIPs'],
  fix: {
    manifest:
      'Remove spec.externalIPs (use a LoadBalancer with a static IP instead); avoid type: ExternalName.',
  },
  check(context) {
    for (const service of context.inventory.byKind.get('Service') ?? []) {
      const spec = service.raw.spec as Record<string, unknown> | undefined;
      if (!spec) continue;
      const name = `${service.namespace}/${service.metadata.name}`;
      if (Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0) {
        context.report({
          object: service,
          path: ['spec', 'externalIPs'],
          message: `Service ${name} claims external IPs ${spec.externalIPs.map(String).join(', ')}: traffic to them from anywhere in the cluster is redirected to its pods (CVE-2020-8554)`,
          evidence: { externalIPs: spec.externalIPs },
        });
      }
      if (spec.type === 'ExternalName') {
        context.report({
          object: service,
          path: ['spec', 'externalName'],
          severity: 'medium',
          message: `Service ${name} is an ExternalName alias for ${String(spec.externalName)}: in-cluster clients and ingress controllers resolving it are sent outside the cluster (CVE-2021-25740)`,
          evidence: { externalName: spec.externalName ?? null },
        });
      }
    }
  },
});
