import { matches, type Requirement, type Selector } from '../../model/labelSelector.js';
import type { LabelSelector, PolicyRule, RbacRole } from './types.js';

/** `metav1.LabelSelectorAsSelector`: all matchLabels and all matchExpressions must hold; an empty selector matches all. */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  const prepared = preparedSelector(selector);
  return prepared !== undefined && matches(prepared, labels);
}

/** The selector as `matches` reads it, or undefined when it holds an operator the API server refuses (it matches nothing). */
function preparedSelector(selector: LabelSelector): Selector | undefined {
  const requirements: Requirement[] = Object.entries(selector.matchLabels).map(([key, value]) => ({
    key,
    operator: 'In',
    values: [value],
  }));
  for (const expression of selector.matchExpressions) {
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(expression.operator)) return undefined;
    requirements.push({
      key: expression.key,
      operator: expression.operator as Requirement['operator'],
      values: expression.values,
    });
  }
  return { requirements, key: '' };
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
  // Worked out once, not in every round: aggregation replaces roles' rules arrays, never their labels nor the rules
  // in them, so which roles a selector matches and each rule's key stay the same throughout.
  const contributors = new Map(
    aggregated.map((role) => [
      role,
      role.aggregationSelectors!.map((selector) => {
        // Made once per selector, not per role it is tried on (thousands of ClusterRoles in a large cluster).
        const prepared = preparedSelector(selector);
        if (prepared === undefined) return [];
        return byName.filter((other) => other !== role && matches(prepared, other.labels));
      }),
    ]),
  );
  const keys = new Map<PolicyRule, string>();
  const keyOf = (rule: PolicyRule): string => {
    let key = keys.get(rule);
    if (key === undefined) {
      key = ruleKey(rule);
      keys.set(rule, key);
    }
    return key;
  };
  // Equal keys one by one: a key is JSON (never empty, no raw line break), so this is the comparison of the keys
  // joined by line breaks that it replaces.
  const sameRules = (a: readonly PolicyRule[], b: readonly PolicyRule[]): boolean =>
    a.length === b.length && a.every((rule, index) => keyOf(rule) === keyOf(b[index]!));
  for (let round = 0; round <= aggregated.length + 1; round++) {
    let changed = false;
    for (const role of aggregated) {
      const rules: PolicyRule[] = [];
      const seen = new Set<string>();
      const sources: string[] = [];
      for (const matching of contributors.get(role)!) {
        for (const other of matching) {
          let contributed = false;
          for (const rule of other.rules) {
            const key = keyOf(rule);
            if (seen.has(key)) continue;
            seen.add(key);
            rules.push(rule);
            contributed = true;
          }
          if (contributed && !sources.includes(other.name)) sources.push(other.name);
        }
      }
      if (!sameRules(rules, role.rules)) {
        role.rules = rules;
        changed = true;
      }
      role.aggregatedFrom = sources;
    }
    if (!changed) return;
  }
}
