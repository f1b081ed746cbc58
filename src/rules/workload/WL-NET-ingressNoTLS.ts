import { defineRule } from '../defineRule.js';
import { isPlainObject } from './lib/pods.js';

const ALLOW_HTTP = 'kubernetes.io/ingress.allow-http';

export default defineRule({
  id: 'WL-NET-ingressNoTLS',
  title: 'Ingress serves plain HTTP',
  description:
    'An Ingress without TLS, or with hosts its TLS section does not cover, serves traffic in clear text: credentials and session cookies can be read and changed on the way. Terminate TLS at the ingress (certificates from Azure Key Vault with the app routing add-on, or cert-manager). Azure Policy "Kubernetes cluster services should only use HTTPS" also requires `kubernetes.io/ingress.allow-http: "false"` (parameter requireAllowHttpFalse).',
  severity: 'medium',
  family: 'workload',
  inputs: { kubernetes: ['Ingress'] },
  seed: true,
  refs: ['Azure Policy IngressHttpsOnly', 'Polaris tlsSettingsMissing', 'kubescape C-0263'],
  params: {
    requireAllowHttpFalse: {
      default: false,
      description:
        'Also require the annotation kubernetes.io/ingress.allow-http: "false", as Azure Policy does.',
    },
  },
  fix: {
    manifest:
      'Add spec.tls with a secretName (or a Key Vault certificate) covering every host of spec.rules.',
  },
  check(context) {
    for (const ingress of context.inventory.byKind.get('Ingress') ?? []) {
      const spec = isPlainObject(ingress.raw.spec) ? ingress.raw.spec : {};
      const name = `${ingress.namespace}/${ingress.metadata.name}`;
      const tls = Array.isArray(spec.tls) ? spec.tls.filter(isPlainObject) : [];
      const rules = Array.isArray(spec.rules) ? spec.rules.filter(isPlainObject) : [];
      if (tls.length === 0) {
        context.report({
          object: ingress,
          path: ['spec'],
          message: `Ingress ${name} has no tls section: it serves plain HTTP`,
          evidence: { hosts: rules.map((rule) => rule.host ?? '*') },
        });
        continue;
      }
      const covered = tls.flatMap((entry) => (Array.isArray(entry.hosts) ? entry.hosts.map(String) : []));
      rules.forEach((rule, index) => {
        if (typeof rule.host !== 'string') return;
        if (covered.includes(rule.host) || covered.some((host) => wildcardCovers(host, rule.host as string)))
          return;
        context.report({
          object: ingress,
          path: ['spec', 'rules', index, 'host'],
          key: `host/${rule.host}`,
          message: `Ingress ${name}: host ${rule.host} is not listed in any tls.hosts, so it is served over plain HTTP`,
          evidence: { host: rule.host, tlsHosts: covered },
        });
      });
      if (
        context.params.requireAllowHttpFalse === true &&
        ingress.metadata.annotations[ALLOW_HTTP] !== 'false'
      ) {
        context.report({
          object: ingress,
          path: ['metadata', 'annotations'],
          key: 'allow-http',
          message: `Ingress ${name} has TLS but does not set ${ALLOW_HTTP}: "false", so HTTP stays open next to HTTPS`,
        });
      }
    }
  },
});

/** `*.example.com` covers exactly one label below example.com (RFC 6125 wildcard matching). */
function wildcardCovers(pattern: string, host: string): boolean {
  if (!pattern.startsWith('*.')) return false;
  const suffix = pattern.slice(1);
  return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.');
}
