import { matches, type Requirement } from '../../model/labelSelector.js';
import type { LabelSelector, PolicyRule, RbacRole } from './types.js';

/** `metav1.LabelSelectorAsSelector`: all matchLabels and all matchExpressions must hold; an empty selector matches all. */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  const requirements: Requirement[] = Object.entries(selector.matchLabels).map(([key, value]) => ({
    key,
    operator: 'In',
    values: [value],
  }));
  for (const expression of selector.matchExpressions) {
    // The API server refuses other operators; a selector holding one matches nothing.
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(expression.operator)) return false;
    requirements.push({
      key: expression.key,
      operator: expression.operator as Requirement['operator'],
      values: expression.values,
    });
  }
  return matches({ requirements, key: '' }, labels);
}

/** Semantic equality key (apimachinery treats nil and empty slices alike). */
export function ruleKey(rule: PolicyRule): string {
  return JSON.stringify([
    rule.verbs,
    rule.apiGroups,
    rule.resources,
    rule.resourceNames,
    rule.nonResourceURLs,
  ]);
}

/**
 * Recomputes ClusterRole aggregation the way the clusterrole-aggregation controller does
 * (pkg/controller/clusterroleaggregation): for each selector in order, the matching ClusterRoles sorted by
 * name (itself excluded) contribute each rule not yet present; the result replaces the role's rules.
 * Nested aggregation (view → edit → admin) converges by iterating to a fixpoint; cycles are bounded.
 */
export function applyAggregation<O>(clusterRoles: readonly RbacRole<O>[]): void {
  const aggregated = clusterRoles.filter((r) => r.aggregationSelectors !== undefined);
  if (aggregated.length === 0) return;
  const byName = [...clusterRoles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const keyOf = (rules: readonly PolicyRule[]) => rules.map(ruleKey).join('\n');
  for (let round = 0; round <= aggregated.length + 1; round++) {
    let changed = false;
    for (const role of aggregated) {
      const rules: PolicyRule[] = [];
      const seen = new Set<string>();
      const sources: string[] = [];
      for (const selector of role.aggregationSelectors!) {
        for (const other of byName) {
          if (other === role || !selectorMatches(selector, other.labels)) continue;
          let contributed = false;
          for (const rule of other.rules) {
            const key = ruleKey(rule);
            if (seen.has(key)) continue;
            seen.add(key);
            rules.push(rule);
            contributed = true;
          }
          if (contributed && !sources.includes(other.name)) sources.push(other.name);
        }
      }
      if (keyOf(rules) !== keyOf(role.rules)) {
        role.rules = rules;
        changed = true;
      }
      role.aggregatedFrom = sources;
    }
    if (!changed) return;
  }
}
