import { credentialReason, secretAssignmentIn } from '../../model/credentials.js';
import { defineRule } from '../defineRule.js';
import { isPlainObject } from './lib/pods.js';

export default defineRule({
  id: 'WL-SEC-secretInConfigMap',
  title: 'Credential stored in a ConfigMap',
  description:
    'ConfigMaps are not secret: they are readable with the view role, not encrypted by KMS, and copied freely. A password, token or key in a ConfigMap is exposed to everyone who can read the namespace.',
  severity: 'high',
  family: 'workload',
  inputs: { kubernetes: ['ConfigMap'] },
  seed: true,
  refs: ['Trivy KSV-0109', 'Polaris sensitiveConfigmapContent', 'kubescape C-0012'],
  params: {
    ignoreKeys: {
      default: [],
      description: 'ConfigMap keys that are known not to hold credentials.',
      schema: { type: 'array', items: { type: 'string' }, title: 'a list of keys' },
    },
  },
  fix: {
    manifest:
      'Move the value to Azure Key Vault (Secrets Store CSI driver) or a Secret, and keep only non-secret settings in the ConfigMap.',
  },
  check(context) {
    const ignored = new Set((context.params.ignoreKeys as string[] | undefined) ?? []);
    for (const configMap of context.inventory.byKind.get('ConfigMap') ?? []) {
      const data = configMap.raw.data;
      if (!isPlainObject(data)) continue;
      for (const [key, raw] of Object.entries(data)) {
        if (ignored.has(key) || raw === null || raw === undefined) continue;
        const value = String(raw);
        let reason = credentialReason(key, value);
        if (!reason && value.includes('\n')) {
          const setting = secretAssignmentIn(value);
          if (setting) reason = `it sets "${setting}" to a literal value`;
        }
        if (!reason) continue;
        context.report({
          object: configMap,
          path: ['data', key],
          key,
          message: `ConfigMap ${configMap.namespace}/${configMap.metadata.name}: key "${key}" looks like a credential (${reason})`,
          evidence: { key },
        });
      }
    }
  },
});
