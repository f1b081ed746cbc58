import type { Inventory } from '../../model/inventory.js';
import type { PodTemplate } from '../../model/k8s.js';
import type { PssResult } from './evaluate.js';
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

/** A namespace's policy, resolved once per judgement of an inventory. */
interface ResolvedPolicy {
  policy: NamespacePolicy;
  errors: LabelError[];
  labelled: TemplateJudgement['labelled'];
}

/**
 * Every Pod and pod template judged at its namespace's enforce and warn policies, the namespace labels resolved as
 * the admission plugin does. Namespaces absent from the inventory (or unlabelled) take `defaults`. A loop over
 * functions of the module, without closures: the webhook judges a one-template inventory at every review.
 */
export function judgeTemplates(inventory: Inventory, defaults: NamespacePolicy): TemplateJudgement[] {
  const policies = new Map<string, ResolvedPolicy>();
  const templates = inventory.podTemplates;
  const judgements: TemplateJudgement[] = [];
  for (let index = 0; index < templates.length; index++) {
    const template = templates[index]!;
    const namespace = template.owner.namespace;
    const key = namespace ?? '';
    let resolved = policies.get(key);
    if (!resolved) {
      resolved = resolvePolicy(inventory, namespace, defaults);
      policies.set(key, resolved);
    }
    const { policy, errors, labelled } = resolved;
    const enforce = evaluateTemplate(template, policy.enforce);
    // One verdict for both modes when they name the same policy (as a verdict per template, level and version).
    const warn =
      policy.warn.level === policy.enforce.level && policy.warn.version === policy.enforce.version
        ? enforce
        : evaluateTemplate(template, policy.warn);
    judgements.push({
      template,
      namespace,
      labelled,
      policy,
      labelErrors: errors,
      enforce,
      warn,
    });
  }
  return judgements;
}

function resolvePolicy(
  inventory: Inventory,
  namespace: string | undefined,
  defaults: NamespacePolicy,
): ResolvedPolicy {
  const labels = namespace === undefined ? undefined : inventory.namespaces.get(namespace)?.labels;
  const { policy, errors } = policyToEvaluate(labels, defaults);
  const enforce = labels !== undefined && Object.hasOwn(labels, ENFORCE_LEVEL_LABEL);
  const labelled = {
    enforce,
    warn: (labels !== undefined && Object.hasOwn(labels, WARN_LEVEL_LABEL)) || enforce,
  };
  return { policy, errors, labelled };
}
