export { applyAggregation, selectorMatches } from './aggregate.js';
export {
  AKS_BUILTIN_ROLES,
  type AzureAssignment,
  type AzureDecision,
  AzureRbac,
  azureRbacEnabled,
  azureRbacFromFile,
  dataActionFor,
} from './azure.js';
export { type AzureFinding, azureFindings } from './azureFindings.js';
export { type BindingException, isBaselineBinding, isBaselineRole } from './baseline.js';
export { type AppliedBinding, RbacEngine, type RbacEngineOptions } from './engine.js';
export {
  allowedNames,
  coversEverything,
  describeRequest,
  type EscalationContext,
  EscalationGraph,
  type EscalationPath,
  type Goal,
  identityOf,
  type PathStep,
  type Primitive,
  subjectNodeId,
  verifyStep,
} from './escalation.js';
export {
  adminGroupObjectIds,
  escalationContextFromInventory,
  isBuiltin,
  type RbacOrigin,
  rbacEngineFromInventory,
} from './fromInventory.js';
export { ruleAllows, rulesAllow } from './match.js';
export { normalizeObjects, RBAC_KINDS, type RbacInputObject } from './normalize.js';
export { accessMatrix, type EffectivePermissions, type MatrixRow, permissions } from './permissions.js';
export { impersonatedUser, NameMap, parseSubject, parseTarget } from './query.js';
export { serviceAccountUser, serviceAccountUsername, splitServiceAccountUsername } from './subjects.js';
export type * from './types.js';
export { atLeastVersion, parseK8sVersion, podStreamVerbSets } from './version.js';
export { type WhoCanOptions, type WhoCanSubject, type WhoCanVia, whoCan } from './whoCan.js';
