/**
 * Evaluating the CEL of a generated ValidatingAdmissionPolicy offline, as the API server would: the object (and its
 * namespace) as CEL values (JSON integers are CEL ints, maps are maps), the policy's variables in order, then every
 * validation. `@bufbuild/cel` (cel-spec conformant) with the strings extension Kubernetes enables; no Kubernetes-only
 * library (quantity, url, ip, authz) is used by the generated policies, so none is needed here.
 */
import { celEnv, isCelError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

const ENV = celEnv({ funcs: strings });

/** JSON as CEL input: objects become maps, whole numbers ints, other numbers doubles. */
export function toCel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === 'object')
    return new Map(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, toCel(item)]));
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  return value;
}

const plans = new Map<string, (bindings: Record<string, unknown>) => unknown>();

function compiled(expression: string): (bindings: Record<string, unknown>) => unknown {
  let evaluate = plans.get(expression);
  if (!evaluate) {
    const run = plan(ENV, parse(expression)) as (bindings: Record<string, unknown>) => unknown;
    evaluate = run;
    plans.set(expression, evaluate);
  }
  return evaluate;
}

export interface PolicyInput {
  variables: { name: string; expression: string }[];
  expression: string;
}

/** true: the object passes; false: it is refused; a string: the evaluation failed (why). */
export function evaluatePolicy(
  policy: PolicyInput,
  object: unknown,
  namespaceObject: unknown,
  request: Record<string, unknown>,
): boolean | string {
  const variables = new Map<string, unknown>();
  const bindings = {
    object: toCel(object),
    oldObject: null,
    namespaceObject: namespaceObject === null ? null : toCel(namespaceObject),
    request: toCel(request),
    params: null,
    variables,
  };
  for (const variable of policy.variables) {
    const value = compiled(variable.expression)(bindings);
    if (isCelError(value)) return `variable ${variable.name}: ${value.message}`;
    variables.set(variable.name, value);
  }
  const result = compiled(policy.expression)(bindings);
  if (isCelError(result)) return `expression: ${result.message}`;
  if (typeof result !== 'boolean') return `expression returned ${String(result)}, not a bool`;
  return result;
}

/** One expression over `object` alone (a message expression): its value, or the error's message. */
export function evaluateExpression(expression: string, object: unknown): unknown {
  const value = compiled(expression)({ object: toCel(object), variables: new Map() });
  return isCelError(value) ? `error: ${value.message}` : value;
}
