import {
  credentialArgument,
  credentialReason,
  isSensitiveName,
  placeholderForm,
} from '../../model/credentials.js';
import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { describeContainer, envOf, isPlainObject, workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-SEC-plainSecretEnv',
  title: 'Credential written in plain text in the pod spec',
  description:
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder form itself, not a template
    "A literal password, token or key in an environment variable or a command-line argument is readable by anyone who can read the workload (get/list on Deployments, `kubectl describe`, audit logs) and ends up in Git. Deliver it from a Secret mounted as a file, or better from Azure Key Vault through the Secrets Store CSI driver. A placeholder under a secret's name (`..._VAL`, `changeme`, `<...>`, `${...}`) is reported as a placeholder, at low severity.",
  severity: 'high',
  family: 'workload',
  inputs: WORKLOADS,
  seed: true,
  refs: ['Polaris sensitiveContainerEnvVar', 'kubescape C-0012', 'kube-linter env-var-secret'],
  fix: {
    manifest:
      'Move the value to Azure Key Vault (Secrets Store CSI driver, SecretProviderClass) or a Secret mounted as a volume, and read it from the file.',
  },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      for (const ref of template.containers) {
        envOf(ref).forEach((variable, index) => {
          if (!isPlainObject(variable) || typeof variable.name !== 'string') return;
          if (variable.value === undefined || variable.value === null) return;
          const value = String(variable.value);
          const reason = credentialReason(variable.name, value);
          if (!reason) {
            // A placeholder under a secret's name (`MYSQL_PASSWORD: MYSQL_PASSWORD_VAL`) is no credential yet; said
            // so at low severity, because the real value must not go where the placeholder is.
            const form = placeholderForm(value);
            if (!form || !isSensitiveName(variable.name)) return;
            context.report({
              object: template.owner,
              path: [...ref.path, 'env', index, 'value'],
              key: `${ref.name}/env/${variable.name}`,
              severity: 'low',
              message: `${workloadName(template)}, ${describeContainer(ref)}: environment variable ${variable.name} holds a placeholder (${form}), not a credential: deliver the real value from a Secret or Azure Key Vault, not here`,
              evidence: { container: ref.name, variable: variable.name, placeholder: form },
            });
            return;
          }
          context.report({
            object: template.owner,
            path: [...ref.path, 'env', index, 'value'],
            key: `${ref.name}/env/${variable.name}`,
            message: `${workloadName(template)}, ${describeContainer(ref)}: environment variable ${variable.name} holds a credential in plain text (${reason})`,
            evidence: { container: ref.name, variable: variable.name },
          });
        });
        for (const field of ['command', 'args'] as const) {
          const list = ref.container[field];
          if (!Array.isArray(list)) continue;
          const hit = credentialArgument(list);
          if (!hit) continue;
          context.report({
            object: template.owner,
            path: [...ref.path, field, hit.index],
            key: `${ref.name}/${field}`,
            message: `${workloadName(template)}, ${describeContainer(ref)}: ${field} passes a credential in plain text (${hit.flag})`,
            evidence: { container: ref.name, field, flag: hit.flag },
          });
        }
      }
    }
  },
});
