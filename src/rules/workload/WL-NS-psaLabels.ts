import { policyToEvaluate } from '../../engines/pss/index.js';
import { defineRule } from '../defineRule.js';

const ENFORCE = 'pod-security.kubernetes.io/enforce';

export default defineRule({
  id: 'WL-NS-psaLabels',
  title: 'Namespace does not enforce a Pod Security level',
  description:
    'Pod Security Admission refuses non-compliant pods only in namespaces labelled `pod-security.kubernetes.io/enforce: baseline` or `restricted`. Without the label (AKS applies no cluster-wide default) or with `enforce: privileged`, any pod is admitted: privileged containers, host namespaces, hostPath mounts of the node. A misspelt level is also worth fixing: the admission plugin then enforces restricted, which is probably not what was meant.',
  severity: 'medium',
  family: 'workload',
  inputs: { kubernetes: ['Namespace'] },
  refs: ['kubescape C-0192..C-0204', 'Kubernetes Pod Security Admission'],
  params: {
    exemptNamespaces: {
      default: ['kube-system'],
      description: 'Namespaces allowed to run without an enforce label (system namespaces managed by AKS).',
    },
  },
  fix: {
    manifest:
      'Label the namespace: `kubectl label namespace NAME pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/enforce-version=latest` (or baseline while workloads are being hardened).',
  },
  check(context) {
    const exempt = new Set(
      Array.isArray(context.params.exemptNamespaces) ? context.params.exemptNamespaces.map(String) : [],
    );
    for (const namespace of context.inventory.byKind.get('Namespace') ?? []) {
      const name = namespace.metadata.name;
      if (exempt.has(name)) continue;
      const labels = namespace.metadata.labels;
      const { policy, errors } = policyToEvaluate(labels);
      const labelsPath = ['metadata', 'labels'];
      for (const error of errors) {
        if (error.label === ENFORCE) continue;
        const fallback = error.label.endsWith('-version') ? 'latest' : 'privileged';
        context.report({
          object: namespace,
          path: [...labelsPath, error.label],
          key: error.label,
          severity: 'low',
          message: `Namespace ${name}: ${error.label}=${JSON.stringify(error.value)} is invalid (${error.message}); the admission plugin uses ${fallback} instead`,
          evidence: { label: error.label, value: error.value, fallback },
        });
      }
      if (!Object.hasOwn(labels, ENFORCE)) {
        context.report({
          object: namespace,
          path: labelsPath,
          message: `Namespace ${name} has no ${ENFORCE} label: Pod Security Admission admits any pod in it`,
          evidence: { warn: policy.warn.level, audit: policy.audit.level },
        });
        continue;
      }
      const enforceError = errors.find((error) => error.label === ENFORCE);
      if (enforceError) {
        context.report({
          object: namespace,
          path: [...labelsPath, ENFORCE],
          key: ENFORCE,
          severity: 'low',
          message: `Namespace ${name}: ${ENFORCE}=${JSON.stringify(enforceError.value)} is not a level (${enforceError.message}); the admission plugin enforces restricted instead`,
          evidence: { value: enforceError.value },
        });
      } else if (policy.enforce.level === 'privileged') {
        context.report({
          object: namespace,
          path: [...labelsPath, ENFORCE],
          message: `Namespace ${name} enforces the privileged Pod Security level: any pod is admitted`,
          evidence: { enforce: 'privileged', warn: policy.warn.level },
        });
      }
    }
  },
});
