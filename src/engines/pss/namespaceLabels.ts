import type { PssPolicy } from './evaluate.js';
import { compareLevels, parseLevel, parseVersion } from './version.js';

export const LABEL_PREFIX = 'pod-security.kubernetes.io/';
export const ENFORCE_LEVEL_LABEL = `${LABEL_PREFIX}enforce`;
export const ENFORCE_VERSION_LABEL = `${LABEL_PREFIX}enforce-version`;
export const AUDIT_LEVEL_LABEL = `${LABEL_PREFIX}audit`;
export const AUDIT_VERSION_LABEL = `${LABEL_PREFIX}audit-version`;
export const WARN_LEVEL_LABEL = `${LABEL_PREFIX}warn`;
export const WARN_VERSION_LABEL = `${LABEL_PREFIX}warn-version`;

export interface NamespacePolicy {
  enforce: PssPolicy;
  audit: PssPolicy;
  warn: PssPolicy;
}

export interface LabelError {
  label: string;
  value: string;
  message: string;
}

/** The admission plugin's defaults when no AdmissionConfiguration says otherwise: privileged/latest for every mode. */
export const DEFAULT_NAMESPACE_POLICY: NamespacePolicy = {
  enforce: { level: 'privileged', version: 'latest' },
  audit: { level: 'privileged', version: 'latest' },
  warn: { level: 'privileged', version: 'latest' },
};

/**
 * Upstream `api.PolicyToEvaluate`: resolves a namespace's Pod Security labels over `defaults`.
 * - an invalid enforce level fails closed (`restricted`); an invalid audit or warn level fails open (`privileged`);
 * - an invalid version is `latest`;
 * - when only enforce is labelled and it is stricter than warn, warn follows enforce (level, and version unless
 *   warn-version is labelled).
 * A usable policy is always returned; `errors` lists the labels that could not be parsed.
 */
export function policyToEvaluate(
  labels: Readonly<Record<string, string>> | undefined,
  defaults: NamespacePolicy = DEFAULT_NAMESPACE_POLICY,
): { policy: NamespacePolicy; errors: LabelError[] } {
  const policy: NamespacePolicy = {
    enforce: { ...defaults.enforce },
    audit: { ...defaults.audit },
    warn: { ...defaults.warn },
  };
  const errors: LabelError[] = [];
  // Most namespaces have no Pod Security label: one pass over their labels instead of a lookup of each.
  if (!labels || !hasPodSecurityLabel(labels)) return { policy, errors };
  if (Object.hasOwn(labels, ENFORCE_LEVEL_LABEL)) {
    const parsed = parseLevel(labels[ENFORCE_LEVEL_LABEL]!);
    policy.enforce.level = parsed.value;
    noteError(errors, labels, ENFORCE_LEVEL_LABEL, parsed.error);
  }
  if (Object.hasOwn(labels, ENFORCE_VERSION_LABEL)) {
    const parsed = parseVersion(labels[ENFORCE_VERSION_LABEL]!);
    policy.enforce.version = parsed.value;
    noteError(errors, labels, ENFORCE_VERSION_LABEL, parsed.error);
  }
  if (Object.hasOwn(labels, AUDIT_LEVEL_LABEL)) {
    const parsed = parseLevel(labels[AUDIT_LEVEL_LABEL]!);
    policy.audit.level = parsed.error === undefined ? parsed.value : 'privileged';
    noteError(errors, labels, AUDIT_LEVEL_LABEL, parsed.error);
  }
  if (Object.hasOwn(labels, AUDIT_VERSION_LABEL)) {
    const parsed = parseVersion(labels[AUDIT_VERSION_LABEL]!);
    policy.audit.version = parsed.value;
    noteError(errors, labels, AUDIT_VERSION_LABEL, parsed.error);
  }
  if (Object.hasOwn(labels, WARN_LEVEL_LABEL)) {
    const parsed = parseLevel(labels[WARN_LEVEL_LABEL]!);
    policy.warn.level = parsed.error === undefined ? parsed.value : 'privileged';
    noteError(errors, labels, WARN_LEVEL_LABEL, parsed.error);
  }
  if (Object.hasOwn(labels, WARN_VERSION_LABEL)) {
    const parsed = parseVersion(labels[WARN_VERSION_LABEL]!);
    policy.warn.version = parsed.value;
    noteError(errors, labels, WARN_VERSION_LABEL, parsed.error);
  }
  if (
    !Object.hasOwn(labels, WARN_LEVEL_LABEL) &&
    Object.hasOwn(labels, ENFORCE_LEVEL_LABEL) &&
    compareLevels(policy.enforce.level, policy.warn.level) > 0
  ) {
    policy.warn.level = policy.enforce.level;
    if (!Object.hasOwn(labels, WARN_VERSION_LABEL)) policy.warn.version = policy.enforce.version;
  }
  return { policy, errors };
}

/** Whether any of the labels is a Pod Security one (the prefix of every label policyToEvaluate reads). */
function hasPodSecurityLabel(labels: Readonly<Record<string, string>>): boolean {
  for (const key in labels) if (Object.hasOwn(labels, key) && key.startsWith(LABEL_PREFIX)) return true;
  return false;
}

/**
 * A label that could not be parsed, listed with its value. A function of the module, not a closure of
 * policyToEvaluate: the webhook resolves a namespace's labels at every review.
 */
function noteError(
  errors: LabelError[],
  labels: Readonly<Record<string, string>>,
  label: string,
  error: string | undefined,
): void {
  if (error !== undefined) errors.push({ label, value: labels[label]!, message: error });
}
