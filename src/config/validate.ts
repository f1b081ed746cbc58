/**
 * Checks values against the configuration schema with ajv (JSON Schema draft-07), and turns its first error into
 * one message with the dotted path of the offending key (`rules.WL-SEC-secretInConfigMap.params.ignoreKeys must
 * be a list`). ajv is loaded when a configuration or a setting is first checked, not at start-up.
 */
import { createRequire } from 'node:module';
import type { PathSegment } from '../model/source.js';
import {
  type CatalogueEntry,
  configSchema,
  type JsonSchema,
  SETTING_SCHEMAS,
  type SettingName,
} from './schema.js';

interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  parentSchema?: JsonSchema;
}
type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

let ajvInstance: { compile(schema: JsonSchema): Validate } | undefined;

function ajv(): { compile(schema: JsonSchema): Validate } {
  if (!ajvInstance) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as {
      Ajv: new (options: Record<string, unknown>) => { compile(schema: JsonSchema): Validate };
    };
    ajvInstance = new Ajv({ allErrors: true, strict: false, verbose: true });
  }
  return ajvInstance;
}

export interface SchemaProblem {
  /** Where the problem is, as a path into the document (for its line). */
  path: PathSegment[];
  message: string;
}

const TYPE_WORDS: Record<string, string> = {
  array: 'a list',
  object: 'a map',
  string: 'a string',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
};

function segmentsOf(instancePath: string): PathSegment[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** `rules.WL-X.params.ignoreKeys`, `waivers[0].reason`. */
export function dottedPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path)
    out += typeof segment === 'number' ? `[${segment}]` : out ? `.${segment}` : segment;
  return out;
}

function describe(error: AjvError): SchemaProblem {
  const path = segmentsOf(error.instancePath);
  const where = dottedPath(path);
  const title = typeof error.parentSchema?.title === 'string' ? error.parentSchema.title : undefined;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as JsonSchema | undefined) ?? {});
      const what =
        where === 'rules'
          ? `unknown rule "${key}" (aksguard rules lists them)`
          : where.endsWith('.params')
            ? `unknown parameter "${key}"${known.length > 0 ? ` (known: ${known.join(', ')})` : ' (this rule has none)'}`
            : `unknown key "${key}"${known.length > 0 && known.length <= 12 ? ` (known: ${known.join(', ')})` : ''}`;
      return { path: [...path, key], message: where ? `${where}: ${what}` : what };
    }
    case 'required':
      return {
        path,
        message: `${where ? `${where}.` : ''}${String(error.params.missingProperty)} is required`,
      };
    case 'type':
      return {
        path,
        message: `${where || 'the configuration'} must be ${title ?? TYPE_WORDS[String(error.params.type)] ?? String(error.params.type)}`,
      };
    default:
      return {
        path,
        message: `${where || 'the configuration'} must be ${title ?? `valid (${error.keyword})`}`,
      };
  }
}

/** The most telling error: the deepest, skipping the `if` of a rule entry (its `then`/`else` says what failed). */
function firstProblem(errors: readonly AjvError[]): SchemaProblem | undefined {
  const useful = errors.filter((error) => error.keyword !== 'if');
  useful.sort((a, b) => segmentsOf(b.instancePath).length - segmentsOf(a.instancePath).length);
  const chosen = useful[0];
  return chosen ? describe(chosen) : undefined;
}

const configValidators = new WeakMap<readonly CatalogueEntry[], Validate>();

/** The first problem of a configuration document, or undefined when it fits the schema. */
export function checkConfig(data: unknown, catalogue: readonly CatalogueEntry[]): SchemaProblem | undefined {
  let validate = configValidators.get(catalogue);
  if (!validate) {
    validate = ajv().compile(configSchema(catalogue));
    configValidators.set(catalogue, validate);
  }
  return validate(data) ? undefined : firstProblem(validate.errors ?? []);
}

const settingValidators = new Map<SettingName, Validate>();

/** Keywords `fitsSimpleSchema` evaluates itself; a schema with any other goes to ajv. */
const SIMPLE_KEYWORDS = new Set(['type', 'pattern', 'enum', 'minLength', 'title', 'description']);

/**
 * Whether `value` fits a schema of only `SIMPLE_KEYWORDS` (a string type, pattern, enum, minLength), with ajv's
 * semantics (patterns as `u` regular expressions, lengths in code points); undefined for any other schema. Every
 * scan checks its settings, and compiling ajv for that cost 0.6 s of start-up.
 */
export function fitsSimpleSchema(schema: JsonSchema, value: unknown): boolean | undefined {
  for (const keyword of Object.keys(schema)) if (!SIMPLE_KEYWORDS.has(keyword)) return undefined;
  const { type, pattern, enum: members, minLength } = schema;
  if (type !== undefined && type !== 'string') return undefined;
  if (type === 'string' && typeof value !== 'string') return false;
  if (Array.isArray(members) && !members.some((member) => member === value)) return false;
  if (typeof value === 'string') {
    if (typeof pattern === 'string' && !new RegExp(pattern, 'u').test(value)) return false;
    if (typeof minLength === 'number' && [...value].length < minLength) return false;
  }
  return true;
}

/** Why a setting's value is refused (`must be latest or v1.N`), or undefined when it fits. */
export function checkSetting(name: SettingName, value: unknown): string | undefined {
  const schema = SETTING_SCHEMAS[name];
  let fits = fitsSimpleSchema(schema, value);
  if (fits === undefined) {
    let validate = settingValidators.get(name);
    if (!validate) {
      validate = ajv().compile(schema);
      settingValidators.set(name, validate);
    }
    fits = validate(value);
  }
  return fits ? undefined : `must be ${schema.title}`;
}
