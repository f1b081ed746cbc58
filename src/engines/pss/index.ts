/** Pod Security Standards engine: k8s.io/pod-security-admission's checks, versions and namespace labels. */
export { CHECKS } from './checks/index.js';
export { evaluatePod, type PssPolicy, type PssResult, type PssViolation } from './evaluate.js';
export {
  DEFAULT_NAMESPACE_POLICY,
  type LabelError,
  type NamespacePolicy,
  policyToEvaluate,
} from './namespaceLabels.js';
export { judgeTemplates, scanDefaults, type TemplateJudgement } from './namespaces.js';
export type { PodLike } from './podView.js';
export { activeChecks, checkLevel, clampVersion, effectiveCheck, MAX_POLICY_VERSION } from './registry.js';
export {
  evaluateInventory,
  evaluateTemplate,
  ownerPath,
  type TemplateVerdict,
  verdictOf,
} from './templates.js';
export {
  BASELINE_CHECK_IDS,
  CHECK_IDS,
  type CheckId,
  RESTRICTED_CHECK_IDS,
  type ViolationField,
} from './types.js';
export {
  compareLevels,
  formatVersion,
  LEVELS,
  type Level,
  type Parsed,
  type PolicyVersion,
  parseLevel,
  parseVersion,
} from './version.js';
