import { aksRules } from './aks/index.js';
import { crossRules } from './cross/index.js';
import type { Rule } from './defineRule.js';
import { networkRules } from './network/index.js';
import { rbacRules } from './rbac/index.js';
import { workloadRules } from './workload/index.js';

/** The whole catalogue. Order: cluster, workloads, RBAC, network, cross-layer. */
export const allRules: readonly Rule[] = [
  ...aksRules,
  ...workloadRules,
  ...rbacRules,
  ...networkRules,
  ...crossRules,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}
