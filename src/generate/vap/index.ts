/**
 * `aksguard generate vap`: a ValidatingAdmissionPolicy and its binding for every enabled rule written in CEL
 * (./celRules.ts), with the configuration's parameters inlined, the binding's `validationActions` from the mode, and
 * a message naming the rule and the object. The API server evaluates them in-process (no webhook, no TLS); the rules
 * CEL cannot express are listed with the reason.
 */
import type { AksguardConfig } from '../../config/config.js';
import type { Rule, ScanSettings } from '../../rules/defineRule.js';
import type { Mode } from '../../serve/modes.js';
import {
  CEL_RULES,
  type CelContext,
  type CelRule,
  kindInfo,
  notExpressibleReason,
  str,
  VARIABLES,
  withDependencies,
} from './celRules.js';

/** The binding's actions per mode (KEP-3488: Deny and Warn never together; Warn with Audit records it too). */
export const VALIDATION_ACTIONS: Record<Mode, string[]> = {
  audit: ['Audit'],
  warn: ['Warn', 'Audit'],
  enforce: ['Deny'],
};

/** Namespaces the bindings leave out: the cluster's own (AKS manages them). */
export const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'];

export interface GenerateVapOptions {
  rules: readonly Rule[];
  config: AksguardConfig;
  settings: ScanSettings;
  mode: Mode;
  /** Only these rule ids (or prefixes ending in -). */
  only?: readonly string[];
  failurePolicy?: 'Fail' | 'Ignore';
}

export interface GeneratedVap {
  objects: Record<string, unknown>[];
  /** Rule ids written as policies. */
  expressed: string[];
  /** Enabled rules not written, with why. */
  notExpressed: { ruleId: string; reason: string }[];
}

/** The parameters of a rule: its defaults, then the configuration's. */
export function paramsOf(rule: Rule, config: AksguardConfig): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [name, param] of Object.entries(rule.params ?? {})) params[name] = param.default;
  Object.assign(params, config.rules[rule.id]?.params);
  return params;
}

/** The validation of a CEL rule in a given context: variables (in order) and the expression. */
export function celValidation(
  celRule: CelRule,
  context: CelContext,
): { variables: { name: string; expression: string }[]; expression: string } {
  return {
    variables: withDependencies(celRule.variables).map((name) => ({ name, expression: VARIABLES[name] })),
    expression: celRule.expression(context),
  };
}

function resourceRules(celRule: CelRule): Record<string, unknown>[] {
  const byGroup = new Map<string, { version: string; resources: string[] }>();
  for (const kind of celRule.kinds) {
    const info = kindInfo(kind);
    const entry = byGroup.get(info.group) ?? { version: info.version, resources: [] };
    entry.resources.push(info.resource);
    byGroup.set(info.group, entry);
  }
  return [...byGroup].map(([group, { version, resources }]) => ({
    apiGroups: [group],
    apiVersions: [version],
    operations: ['CREATE', 'UPDATE'],
    resources,
  }));
}

function policyName(ruleId: string): string {
  return `aksguard-${ruleId.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`;
}

function selected(ruleId: string, only: readonly string[] | undefined): boolean {
  return !only || only.some((id) => id === ruleId || (id.endsWith('-') && ruleId.startsWith(id)));
}

export function generateVap(options: GenerateVapOptions): GeneratedVap {
  const out: GeneratedVap = { objects: [], expressed: [], notExpressed: [] };
  const byId = new Map(CEL_RULES.map((celRule) => [celRule.ruleId, celRule]));
  for (const rule of options.rules) {
    if (options.config.rules[rule.id]?.enabled === false || !selected(rule.id, options.only)) continue;
    const celRule = byId.get(rule.id);
    if (!celRule) {
      out.notExpressed.push({ ruleId: rule.id, reason: notExpressibleReason(rule) });
      continue;
    }
    const context: CelContext = {
      params: paramsOf(rule, options.config),
      pssLevel: options.settings.pssLevel,
      pssVersion: options.settings.pssVersion,
    };
    const { variables, expression } = celValidation(celRule, context);
    const name = policyName(rule.id);
    const severity = options.config.rules[rule.id]?.severity ?? rule.severity;
    const labels = { 'app.kubernetes.io/managed-by': 'aksguard' };
    const annotations = { 'aksguard.io/rule': rule.id, 'aksguard.io/severity': severity };
    const message = `${rule.id}: ${celRule.message}`;
    out.objects.push({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name, labels, annotations },
      spec: {
        failurePolicy: options.failurePolicy ?? 'Fail',
        matchConstraints: { resourceRules: resourceRules(celRule) },
        ...(variables.length > 0 ? { variables } : {}),
        validations: [
          {
            expression,
            message,
            messageExpression: `${str(`${rule.id}: `)} + object.kind + ' ' + (has(object.metadata.namespace) ? object.metadata.namespace + '/' : '') + (has(object.metadata.name) ? object.metadata.name : '') + ${str(`: ${celRule.message}. ${(rule.fix?.manifest ?? '').split('\n')[0]}`.trimEnd())}`,
            reason: 'Forbidden',
          },
        ],
      },
    });
    out.objects.push({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name, labels, annotations },
      spec: {
        policyName: name,
        validationActions: VALIDATION_ACTIONS[options.mode],
        ...(celRule.includeSystemNamespaces
          ? {}
          : {
              matchResources: {
                namespaceSelector: {
                  matchExpressions: [
                    { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: SYSTEM_NAMESPACES },
                  ],
                },
              },
            }),
      },
    });
    out.expressed.push(rule.id);
  }
  return out;
}
