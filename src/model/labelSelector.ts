/** Kubernetes label selectors (metav1.LabelSelector) with the API server's validation; shared by the engines. */

import { isJsonObject as isRecord } from './json.js';

export type Labels = Readonly<Record<string, string>>;

export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: readonly string[];
}

export interface Selector {
  /** matchLabels become `In` requirements with one value. Empty = selects everything. */
  requirements: readonly Requirement[];
  /** Canonical text, equal for equal selectors (used as a cache key). */
  key: string;
}

export const MATCH_ALL: Selector = { requirements: [], key: '{}' };

export function matches(selector: Selector, labels: Labels): boolean {
  for (const req of selector.requirements) {
    const has = Object.hasOwn(labels, req.key);
    switch (req.operator) {
      case 'In':
        if (!has || !req.values.includes(labels[req.key]!)) return false;
        break;
      case 'NotIn':
        if (has && req.values.includes(labels[req.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** Keys the selector reads, to project labels onto when grouping endpoints. */
export function selectorKeys(selector: Selector): string[] {
  return selector.requirements.map((req) => req.key);
}

export interface SelectorProblem {
  path: (string | number)[];
  message: string;
}

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validKey(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash < 0) return NAME.test(key);
  const prefix = key.slice(0, slash);
  return prefix.length > 0 && prefix.length <= 253 && PREFIX.test(prefix) && NAME.test(key.slice(slash + 1));
}

function validValue(value: string): boolean {
  return value === '' || NAME.test(value);
}

/**
 * Compiles a selector, reporting what `ValidateLabelSelector` would reject. `undefined`/`null` input
 * is the caller's business (absent selector); here it compiles to MATCH_ALL.
 */
export function compileSelector(
  raw: unknown,
  problems: SelectorProblem[],
  path: (string | number)[],
): Selector {
  if (raw === undefined || raw === null) return MATCH_ALL;
  if (!isRecord(raw)) {
    problems.push({ path, message: 'must be a label selector object' });
    return MATCH_ALL;
  }
  const requirements: Requirement[] = [];
  const matchLabels = raw.matchLabels;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isRecord(matchLabels)) problems.push({ path: [...path, 'matchLabels'], message: 'must be a map' });
    else {
      for (const [key, value] of Object.entries(matchLabels)) {
        const text = value === null ? '' : String(value);
        if (!validKey(key))
          problems.push({ path: [...path, 'matchLabels', key], message: `invalid label key "${key}"` });
        if (!validValue(text))
          problems.push({ path: [...path, 'matchLabels', key], message: `invalid label value "${text}"` });
        requirements.push({ key, operator: 'In', values: [text] });
      }
    }
  }
  const expressions = raw.matchExpressions;
  if (expressions !== undefined && expressions !== null) {
    if (!Array.isArray(expressions))
      problems.push({ path: [...path, 'matchExpressions'], message: 'must be a list' });
    else {
      expressions.forEach((expr: unknown, index) => {
        const at = [...path, 'matchExpressions', index];
        if (!isRecord(expr)) {
          problems.push({ path: at, message: 'must be an object' });
          return;
        }
        const key = typeof expr.key === 'string' ? expr.key : '';
        const operator = expr.operator;
        const values = Array.isArray(expr.values) ? expr.values.map((v) => String(v)) : [];
        if (!validKey(key)) problems.push({ path: [...at, 'key'], message: `invalid label key "${key}"` });
        if (operator === 'In' || operator === 'NotIn') {
          if (values.length === 0)
            problems.push({
              path: [...at, 'values'],
              message: "must be specified when `operator` is 'In' or 'NotIn'",
            });
          for (const value of values)
            if (!validValue(value))
              problems.push({ path: [...at, 'values'], message: `invalid label value "${value}"` });
          requirements.push({ key, operator, values });
        } else if (operator === 'Exists' || operator === 'DoesNotExist') {
          if (values.length > 0)
            problems.push({
              path: [...at, 'values'],
              message: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            });
          requirements.push({ key, operator, values: [] });
        } else {
          problems.push({
            path: [...at, 'operator'],
            message: `not a valid selector operator "${String(operator)}"`,
          });
        }
      });
    }
  }
  const key = JSON.stringify(
    requirements
      .map((req) => [req.key, req.operator, [...req.values].sort()] as const)
      .sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : a[0] + a[1] > b[0] + b[1] ? 1 : 0)),
  );
  return { requirements, key };
}

export function formatSelector(selector: Selector): string {
  if (selector.requirements.length === 0) return '{}';
  return selector.requirements
    .map((req) => {
      switch (req.operator) {
        case 'In':
          return req.values.length === 1
            ? `${req.key}=${req.values[0]}`
            : `${req.key} in (${req.values.join(',')})`;
        case 'NotIn':
          return `${req.key} notin (${req.values.join(',')})`;
        case 'Exists':
          return req.key;
        case 'DoesNotExist':
          return `!${req.key}`;
      }
      return '';
    })
    .join(',');
}
