import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-HARD-hostAliases',
  title: 'Pod rewrites /etc/hosts',
  description:
    "`hostAliases` writes entries into the pod's /etc/hosts, overriding DNS for those names: a way to redirect traffic meant for a trusted service (or Azure endpoints) that no DNS log or network policy shows.",
  severity: 'low',
  family: 'workload',
  inputs: WORKLOADS,
  refs: ['Trivy KSV-0007', 'kubesec HostAliases'],
  fix: {
    manifest: 'Remove `hostAliases`; publish names through DNS (a Service, or an Azure Private DNS zone).',
  },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      const aliases = template.spec.hostAliases;
      if (!Array.isArray(aliases) || aliases.length === 0) continue;
      context.report({
        object: template.owner,
        path: [...template.specPath, 'hostAliases'],
        message: `${workloadName(template)}: hostAliases overrides /etc/hosts with ${aliases.length} ${aliases.length === 1 ? 'entry' : 'entries'}`,
        evidence: { entries: aliases.length },
      });
    }
  },
});
