/**
 * The one schema of `.aksguard.yaml`, generated from the rule catalogue: the rule ids, each rule's parameters with
 * their types, and every scan setting. The configuration file, `aksguard rules --config-schema` and the command
 * line's settings are all checked against it; `ScanSettings` (src/rules/defineRule.ts) is derived from
 * `SETTING_SCHEMAS`.
 *
 * To add a top-level key (e.g. `clusters:`), add its schema to `topLevelSchemas` and read it in `parseConfig`.
 */
import { ENGINE_NAMES } from '../engines/netpol/profiles.js';
import { SEVERITIES } from '../model/severity.js';

export type JsonSchema = { [keyword: string]: unknown };

/** Severity names, in the messages' words. */
const SEVERITY_WORDS = 'critical, high, medium, low or info';

/**
 * Settings of a scan: `settings:` in the configuration, or the command line (which wins). `title` says what a value
 * must be, in error messages.
 */
export const SETTING_SCHEMAS = {
  defaultNamespace: {
    type: 'string',
    // A DNS-1123 label, as the API server requires of a namespace name.
    pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$',
    title: 'a namespace name (DNS-1123 label)',
    description: 'Namespace of namespaced objects that name none (kubectl apply -n).',
  },
  pssLevel: {
    // `privileged` would switch every Pod Security rule off: not a scan default.
    enum: ['baseline', 'restricted'],
    title: 'baseline or restricted',
    description: 'Pod Security level for namespaces without pod-security.kubernetes.io labels.',
  },
  pssVersion: {
    type: 'string',
    pattern: '^(latest|v1\\.(0|[1-9][0-9]*))$',
    title: 'latest or v1.N',
    description: 'Pod Security version for namespaces without labels.',
  },
  netpolEngine: {
    enum: ['auto', ...ENGINE_NAMES] as const,
    title: `auto, ${ENGINE_NAMES.join(', ')}`,
    description: 'Network policy engine that enforces NetworkPolicies (auto: from the cluster definition).',
  },
  k8sVersion: {
    type: 'string',
    pattern: '^v?1\\.(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))?$',
    title: 'a Kubernetes version like 1.33 or v1.33.2',
    description: 'Kubernetes version of the cluster (default: from the cluster definition, else the latest).',
  },
  azureRoleAssignmentsFile: {
    type: 'string',
    minLength: 1,
    title: 'a file name',
    description: 'JSON of `az role assignment list --all`, for the Azure RBAC rules.',
  },
} as const satisfies Record<string, JsonSchema & { title: string; description: string }>;

export type SettingName = keyof typeof SETTING_SCHEMAS;

/** The value type a setting's schema allows: the enum's members, or the JSON type. */
type ValueOf<S> = S extends { enum: readonly (infer V)[] }
  ? V
  : S extends { type: 'string' }
    ? string
    : S extends { type: 'integer' | 'number' }
      ? number
      : S extends { type: 'boolean' }
        ? boolean
        : unknown;

/** The settings as the configuration file may give them (all optional), typed from their schemas. */
export type ConfiguredSettings = { -readonly [K in SettingName]?: ValueOf<(typeof SETTING_SCHEMAS)[K]> };

/** What the catalogue contributes: each rule's id and parameters (a default, and a schema when not obvious). */
export interface CatalogueEntry {
  id: string;
  params?: Record<string, { default: unknown; description: string; schema?: JsonSchema }>;
}

/** A parameter's schema: the one it declares, else the JSON type of its default. */
export function paramSchema(param: { default: unknown; schema?: JsonSchema }): JsonSchema {
  return param.schema ?? schemaOfValue(param.default);
}

function schemaOfValue(value: unknown): JsonSchema {
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number' };
  if (typeof value === 'string') return { type: 'string' };
  if (Array.isArray(value)) return { type: 'array', items: value.length > 0 ? schemaOfValue(value[0]) : {} };
  if (value !== null && typeof value === 'object') return { type: 'object' };
  return {};
}

function ruleSchema(rule: CatalogueEntry): JsonSchema {
  const params = Object.fromEntries(
    Object.entries(rule.params ?? {}).map(([name, p]) => [name, paramSchema(p)]),
  );
  return {
    // `off`, `on`, a severity, or a map: which schema applies depends on the shape (if/then/else, not anyOf,
    // so that an error inside the map is reported where it is).
    if: { type: 'object' },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else, not a thenable
    then: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean', title: 'true or false' },
        severity: { enum: [...SEVERITIES], title: SEVERITY_WORDS },
        params: { type: 'object', additionalProperties: false, properties: params, title: 'a map' },
      },
      title: 'a map',
    },
    else: {
      enum: ['off', 'on', true, false, ...SEVERITIES],
      title: `off, on, ${SEVERITY_WORDS}, or a map with enabled/severity/params`,
    },
  };
}

/** The top-level keys of `.aksguard.yaml` and their schemas. */
function topLevelSchemas(catalogue: readonly CatalogueEntry[]): Record<string, JsonSchema> {
  return {
    failOn: { enum: ['none', ...SEVERITIES], title: 'a severity or none' },
    allowAnnotationWaivers: { type: 'boolean', title: 'true or false' },
    allowAnnotationWaiveAll: { type: 'boolean', title: 'true or false' },
    rules: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(catalogue.map((rule) => [rule.id, ruleSchema(rule)])),
      title: 'a map of rule id to settings',
    },
    waivers: {
      type: 'array',
      title: 'a list',
      items: {
        type: 'object',
        title: 'a map',
        additionalProperties: false,
        required: ['rule', 'reason'],
        properties: {
          rule: { type: 'string', minLength: 1, title: 'a rule id or a pattern like WL-*' },
          reason: { type: 'string', pattern: '\\S', title: 'a reason: say why the finding is accepted' },
          expires: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', title: 'a date like 2027-01-31' },
          resource: {
            type: 'object',
            additionalProperties: false,
            title: 'a map with kind, namespace and/or name',
            properties: {
              kind: { type: 'string', title: 'a string' },
              namespace: { type: 'string', title: 'a string' },
              name: { type: 'string', title: 'a string' },
            },
          },
        },
      },
    },
    settings: { type: 'object', additionalProperties: false, properties: SETTING_SCHEMAS, title: 'a map' },
    // Which manifests run on which cluster when the input defines several (config/clusters.ts).
    clusters: {
      type: 'array',
      title: 'a list of { definition, manifests } (which manifests run on which cluster)',
      items: {
        type: 'object',
        title: 'a map',
        additionalProperties: false,
        required: ['definition', 'manifests'],
        properties: {
          definition: {
            type: 'string',
            pattern: '\\S',
            title: 'the file (or folder) that defines the cluster, relative to the configuration file',
          },
          name: {
            type: 'string',
            title: 'the cluster (name or Terraform address) when the definition holds several',
          },
          manifests: {
            type: 'array',
            minItems: 1,
            items: { type: 'string', minLength: 1, title: 'a path glob' },
            title: 'a non-empty list of path globs (e.g. ["k8s/**"])',
          },
        },
      },
    },
  };
}

/** The JSON Schema of `.aksguard.yaml` for this catalogue (draft-07, as editors and ajv read it). */
export function configSchema(catalogue: readonly CatalogueEntry[]): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'aksguard configuration (.aksguard.yaml)',
    type: 'object',
    additionalProperties: false,
    properties: topLevelSchemas(catalogue),
  };
}
