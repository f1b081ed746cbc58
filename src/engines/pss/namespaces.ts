import type { Inventory } from '../../model/inventory.js';
import type { PodTemplate } from '../../model/k8s.js';
import type { PssPolicy, PssResult } from './evaluate.js';
import {
  DEFAULT_NAMESPACE_POLICY,
  ENFORCE_LEVEL_LABEL,
  type LabelError,
  type NamespacePolicy,
  policyToEvaluate,
  WARN_LEVEL_LABEL,
} from './namespaceLabels.js';
import { evaluateTemplate } from './templates.js';
import { parseLevel, parseVersion } from './version.js';

export interface TemplateJudgement {
  template: PodTemplate;
  namespace: string | undefined;
  /** Which modes the namespace's own labels set (the others are the scan defaults, or warn following enforce). */
  labelled: { enforce: boolean; warn: boolean };
  policy: NamespacePolicy;
  /** Pod Security labels of the namespace that could not be parsed (their fallbacks are in `policy`). */
  labelErrors: LabelError[];
  enforce: PssResult;
  warn: PssResult;
}

/**
 * The policy a scan assumes for namespaces without Pod Security labels: `enforce` at the requested level/version
 * (restricted/latest unless told otherwise), audit and warn at the admission plugin's defaults (privileged).
 */
export function scanDefaults(level: unknown, version: unknown): NamespacePolicy {
  const parsedLevel = typeof level === 'string' ? parseLevel(level) : undefined;
  const parsedVersion = typeof version === 'string' ? parseVersion(version) : undefined;
  return {
    ...DEFAULT_NAMESPACE_POLICY,
    enforce: {
      level: parsedLevel && parsedLevel.error === undefined ? parsedLevel.value : 'restricted',
      version: parsedVersion?.value ?? 'latest',
    },
  };
}

/**
 * Every Pod and pod template judged at its namespace's enforce and warn policies, the namespace labels resolved as
 * the admission plugin does. Namespaces absent from the inventory (or unlabelled) take `defaults`.
 */
export function judgeTemplates(inventory: Inventory, defaults: NamespacePolicy): TemplateJudgement[] {
  const policies = new Map<
    string,
    { policy: NamespacePolicy; errors: LabelError[]; labelled: TemplateJudgement['labelled'] }
  >();
  const policyOf = (namespace: string | undefined) => {
    const key = namespace ?? '';
    let resolved = policies.get(key);
    if (!resolved) {
      const labels = namespace === undefined ? undefined : inventory.namespaces.get(namespace)?.labels;
      const { policy, errors } = policyToEvaluate(labels, defaults);
      const has = (label: string) => labels !== undefined && Object.hasOwn(labels, label);
      const labelled = {
        enforce: has(ENFORCE_LEVEL_LABEL),
        warn: has(WARN_LEVEL_LABEL) || has(ENFORCE_LEVEL_LABEL),
      };
      resolved = { policy, errors, labelled };
      policies.set(key, resolved);
    }
    return resolved;
  };
  const results = new Map<string, PssResult>();
  const evaluate = (template: PodTemplate, policy: PssPolicy, index: number) => {
    const key = `${index}|${policy.level}|${policy.version}`;
    let result = results.get(key);
    if (!result) {
      result = evaluateTemplate(template, policy);
      results.set(key, result);
    }
    return result;
  };
  return inventory.podTemplates.map((template, index) => {
    const namespace = template.owner.namespace;
    const { policy, errors, labelled } = policyOf(namespace);
    return {
      template,
      namespace,
      labelled,
      policy,
      labelErrors: errors,
      enforce: evaluate(template, policy.enforce, index),
      warn: evaluate(template, policy.warn, index),
    };
  });
}
