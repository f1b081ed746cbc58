import type { K8sObject } from '../../model/k8s.js';
import { defineRule } from '../defineRule.js';
import { inputsOf, WORKLOADS } from '../inputs.js';
import { isPlainObject, workloadName } from './lib/pods.js';

export default defineRule({
  id: 'WL-SEC-automountToken',
  title: 'Service account token mounted into the pod',
  description:
    'By default every pod gets a token of its ServiceAccount, with which anyone who compromises a container can call the Kubernetes API. Pods that do not call the API should not carry it. The pod-level `automountServiceAccountToken` wins; when it is unset, the ServiceAccount`s own setting applies (Kubernetes ServiceAccount admission). A ServiceAccount that a binding of the input grants permissions is one whose pods call the API (operators, exporters, Prometheus): their token is needed and not reported; an explicit `true` for a ServiceAccount with no binding is low.',
  severity: 'medium',
  family: 'workload',
  inputs: inputsOf(WORKLOADS, { kubernetes: ['ServiceAccount', 'RoleBinding', 'ClusterRoleBinding'] }),
  refs: ['Polaris automountServiceAccountToken', 'kubescape C-0034', 'Azure Policy BlockAutomountToken'],
  fix: { manifest: 'Set automountServiceAccountToken: false on the pod spec or on its ServiceAccount.' },
  check(context) {
    const accounts = new Map(
      (context.inventory.byKind.get('ServiceAccount') ?? []).map((account) => [
        `${account.namespace}/${account.metadata.name}`,
        account,
      ]),
    );
    const bound = boundServiceAccounts(context.inventory.objects);
    for (const template of context.inventory.podTemplates) {
      const podSetting = template.spec.automountServiceAccountToken;
      if (podSetting === false) continue;
      const name =
        typeof template.spec.serviceAccountName === 'string' && template.spec.serviceAccountName !== ''
          ? template.spec.serviceAccountName
          : typeof template.spec.serviceAccount === 'string' && template.spec.serviceAccount !== ''
            ? template.spec.serviceAccount
            : 'default';
      // Granted permissions by a binding of the input: the pod calls the API and needs its token.
      if (name !== 'default' && bound.has(`${template.owner.namespace}/${name}`)) continue;
      if (podSetting === true) {
        context.report({
          object: template.owner,
          path: [...template.specPath, 'automountServiceAccountToken'],
          severity: 'low',
          message: `${workloadName(template)} explicitly mounts the token of ServiceAccount ${name}, which no binding of the input grants anything: if the pod does not call the API, set it to false`,
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

/** `namespace/name` of every ServiceAccount a RoleBinding or ClusterRoleBinding of the input names. */
function boundServiceAccounts(objects: readonly K8sObject[]): Set<string> {
  const out = new Set<string>();
  for (const object of objects) {
    if (object.group !== 'rbac.authorization.k8s.io') continue;
    if (object.kind !== 'RoleBinding' && object.kind !== 'ClusterRoleBinding') continue;
    const subjects = Array.isArray(object.raw.subjects) ? object.raw.subjects : [];
    for (const subject of subjects) {
      if (!isPlainObject(subject) || subject.kind !== 'ServiceAccount' || typeof subject.name !== 'string')
        continue;
      // A ServiceAccount subject without a namespace means the RoleBinding's own (rbac/v1 validation).
      const namespace =
        typeof subject.namespace === 'string' && subject.namespace ? subject.namespace : object.namespace;
      if (namespace) out.add(`${namespace}/${subject.name}`);
    }
  }
  return out;
}
