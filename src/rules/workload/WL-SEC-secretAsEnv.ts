import { defineRule } from '../defineRule.js';
import { WORKLOADS } from '../inputs.js';
import { describeContainer, envFromOf, envOf, isPlainObject, workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-SEC-secretAsEnv',
  title: 'Secret delivered as environment variables',
  description:
    'Environment variables leak: they are inherited by every child process, printed by crash handlers and debug endpoints, and visible in `/proc/<pid>/environ`. A Secret mounted as a volume lives in tmpfs, can be rotated without a restart, and is readable only by the process that opens it (CIS Kubernetes 5.4.1).',
  severity: 'medium',
  family: 'workload',
  inputs: WORKLOADS,
  seed: true,
  refs: ['CIS Kubernetes 5.4.1', 'kubescape C-0207', 'kube-linter read-secret-from-env-var'],
  fix: {
    manifest:
      'Mount the Secret as a volume (volumes[].secret + volumeMounts[]) and read the file, or use the Secrets Store CSI driver with Azure Key Vault.',
  },
  check(context) {
    for (const template of context.inventory.podTemplates) {
      for (const ref of template.containers) {
        envOf(ref).forEach((variable, index) => {
          if (!isPlainObject(variable) || !isPlainObject(variable.valueFrom)) return;
          const secret = variable.valueFrom.secretKeyRef;
          if (!isPlainObject(secret)) return;
          context.report({
            object: template.owner,
            path: [...ref.path, 'env', index, 'valueFrom', 'secretKeyRef'],
            key: `${ref.name}/env/${String(variable.name)}`,
            message: `${workloadName(template)}, ${describeContainer(ref)}: environment variable ${String(variable.name)} comes from Secret ${String(secret.name)} (key ${String(secret.key)}); mount the Secret as a file instead`,
            evidence: { container: ref.name, variable: variable.name, secret: secret.name },
          });
        });
        envFromOf(ref).forEach((source, index) => {
          if (!isPlainObject(source) || !isPlainObject(source.secretRef)) return;
          context.report({
            object: template.owner,
            path: [...ref.path, 'envFrom', index, 'secretRef'],
            key: `${ref.name}/envFrom/${String(source.secretRef.name)}`,
            message: `${workloadName(template)}, ${describeContainer(ref)}: every key of Secret ${String(source.secretRef.name)} becomes an environment variable (envFrom); mount the Secret as a file instead`,
            evidence: { container: ref.name, secret: source.secretRef.name },
          });
        });
      }
    }
  },
});
