import { defineRule } from '../defineRule.js';
import { NETWORK } from '../inputs.js';
import { netpolOf } from './netpolContext.js';

export default defineRule({
  id: 'NP-splitRule',
  title: 'NetworkPolicy rule split in two: ports open to every peer',
  description:
    'One YAML indentation slip turns `- from: [...]` + `ports: [...]` into two rules: `- from: [...]` and `- ports: [...]`. The second rule has no peers, so its ports are open to every source (or destination), the Internet included, while the first allows every port from its peers. netpol-analyzer’s own diff example shows the pattern. Reported when a policy direction has a rule with ports but no peers next to a rule with peers but no ports.',
  severity: 'high',
  family: 'network',
  inputs: NETWORK,
  refs: ['netpol-analyzer tests/netpol-diff-example-minimal'],
  fix: {
    manifest:
      'ingress:\n  - from:\n      - podSelector: { matchLabels: { app: frontend } }\n    ports:            # same list item as `from`: no dash\n      - port: 9090',
  },
  check(context) {
    const analysis = netpolOf(context);
    for (const policy of analysis.policies) {
      for (const [key, rules, peersKey] of [
        ['ingress', policy.ingress, 'from'],
        ['egress', policy.egress, 'to'],
      ] as const) {
        if (!rules) continue;
        const portsOnly = rules.filter((rule) => rule.peers === null && rule.ports !== null);
        const peersOnly = rules.filter((rule) => rule.peers !== null && rule.ports === null);
        if (portsOnly.length === 0 || peersOnly.length === 0) continue;
        for (const rule of portsOnly) {
          const conns = (rule.ports ?? [])
            .map((p) =>
              p.port === undefined
                ? `${p.protocol} all ports`
                : `${p.protocol} ${p.port}${p.endPort ? `-${p.endPort}` : ''}`,
            )
            .join(', ');
          context.report({
            object: policy.object,
            path: ['spec', key, rule.index],
            key: `${key}/${rule.index}`,
            message: `${key === 'ingress' ? 'Ingress' : 'Egress'} rule #${rule.index + 1} of NetworkPolicy ${policy.namespace}/${policy.name} has ports (${conns}) but no \`${peersKey}\`, so they are open to every ${key === 'ingress' ? 'source' : 'destination'}; rule #${peersOnly[0]!.index + 1} names peers without ports — were they meant to be one rule?`,
            evidence: { portsOnlyRule: rule.index, peersOnlyRule: peersOnly[0]!.index },
          });
        }
      }
    }
  },
});
