import { defineRule } from '../defineRule.js';
import { inputsOf, WORKLOADS } from '../inputs.js';
import { workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-SEC-automountToken',
  title: 'Service account token mounted into the pod',
  description:
    'By default every pod gets a token of its ServiceAccount, with which anyone who compromises a container can call the Kubernetes API. Pods that do not call the API should not carry it. The pod-level `automountServiceAccountToken` wins; when it is unset, the ServiceAccount`s own setting applies (Kubernetes ServiceAccount admission).',
  severity: 'medium',
  family: 'workload',
  inputs: inputsOf(WORKLOADS, { kubernetes: ['ServiceAccount'] }),
  refs: ['Polaris automountServiceAccountToken', 'kubescape C-0034', 'Azure Policy BlockAutomountToken'],
  fix: { manifest: 'Set automountServiceAccountToken: false on the pod spec or on its ServiceAccount.' },
  check(context) {
    const accounts = new Map(
      (context.inventory.byKind.get('ServiceAccount') ?? []).map((account) => [
        `${account.namespace}/${account.metadata.name}`,
        account,
      ]),
    );
    for (const template of context.inventory.podTemplates) {
      const podSetting = template.spec.automountServiceAccountToken;
      if (podSetting === false) continue;
      const name =
        typeof template.spec.serviceAccountName === 'string' && template.spec.serviceAccountName !== ''
          ? template.spec.serviceAccountName
          : typeof template.spec.serviceAccount === 'string' && template.spec.serviceAccount !== ''
            ? template.spec.serviceAccount
            : 'default';
      if (podSetting === true) {
        context.report({
          object: template.owner,
          path: [...template.specPath, 'automountServiceAccountToken'],
          message: `${workloadName(template)} explicitly mounts the token of ServiceAccount ${name}`,
          evidence: { serviceAccount: name, podSetting: true },
        });
        continue;
      }
      const account = accounts.get(`${template.owner.namespace}/${name}`);
      if (account?.raw.automountServiceAccountToken === false) continue;
      const why = account
        ? 'neither the pod nor the ServiceAccount sets automountServiceAccountToken: false'
        : 'the pod does not set automountServiceAccountToken: false (the ServiceAccount is not among the inputs)';
      context.report({
        object: template.owner,
        path: template.specPath,
        message: `${workloadName(template)} gets a token of ServiceAccount ${name} mounted: ${why}`,
        evidence: { serviceAccount: name, serviceAccountFound: account !== undefined },
      });
    }
  },
});
