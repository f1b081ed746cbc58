import type { AccessRequest, PolicyRule } from './types.js';

// Exact mirror of k8s.io/kubernetes pkg/apis/rbac/v1/evaluation_helpers.go and rbac.go:RuleAllows.
// Matching is case-sensitive string equality; the only wildcards are listed per function.

const ALL = '*';

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === ALL || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups.some((g) => g === ALL || g === group);
}

/**
 * `*` matches every resource and subresource; `resource/sub` matches exactly; `*\/sub` matches that
 * subresource of any resource. `pods` never matches `pods/exec`, and `pods/*` matches nothing real.
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources) {
    if (r === ALL || r === combined) return true;
    if (subresource.length === 0) continue;
    if (r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true;
  }
  return false;
}

/** No wildcard: `resourceNames: ["*"]` only matches an object literally named `*`. */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  if (rule.resourceNames.length === 0) return true;
  return rule.resourceNames.some((n) => n === name);
}

/** `*` matches every path; a trailing `*` is a prefix glob; a `*` elsewhere is literal. */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs) {
    if (u === ALL || u === path) return true;
    if (u.endsWith(ALL) && path.startsWith(trimRightStars(u))) return true;
  }
  return false;
}

/** Go's strings.TrimRight(s, "*") removes every trailing star. */
function trimRightStars(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === ALL) end--;
  return s.slice(0, end);
}

export function isResourceRequest(request: AccessRequest): boolean {
  return request.path === undefined;
}

export function combinedResource(request: AccessRequest): string {
  const resource = request.resource ?? '';
  return request.subresource ? `${resource}/${request.subresource}` : resource;
}

export function ruleAllows(rule: PolicyRule, request: AccessRequest): boolean {
  if (request.path !== undefined) {
    return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path);
  }
  return (
    verbMatches(rule, request.verb) &&
    apiGroupMatches(rule, request.apiGroup ?? '') &&
    resourceMatches(rule, combinedResource(request), request.subresource ?? '') &&
    resourceNameMatches(rule, request.name ?? '')
  );
}

/** `ruleAllows` for some name: the rule with its resourceNames left out (rbac.go RuleAllows, names not checked). */
export function ruleAllowsAnyName(rule: PolicyRule, request: AccessRequest): boolean {
  if (request.path !== undefined) {
    return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path);
  }
  return (
    verbMatches(rule, request.verb) &&
    apiGroupMatches(rule, request.apiGroup ?? '') &&
    resourceMatches(rule, combinedResource(request), request.subresource ?? '')
  );
}

export function rulesAllow(rules: readonly PolicyRule[], request: AccessRequest): number {
  for (let i = 0; i < rules.length; i++) if (ruleAllows(rules[i]!, request)) return i;
  return -1;
}
