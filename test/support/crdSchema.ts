/**
 * Validation of objects against the vendored report CRDs (test/conformance/reports/data), as the API server
 * validates a custom resource against its structural schema — stricter in one way: a field the schema does not
 * declare is an error here, where the API server would silently prune it (and our data would be lost).
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';

type Schema = Record<string, unknown>;

const DATA = new URL('../conformance/reports/data/', import.meta.url);

export const REPORT_CRD_FILES = [
  'openreports.io_reports.yaml',
  'openreports.io_clusterreports.yaml',
  'wgpolicyk8s.io_policyreports.yaml',
  'wgpolicyk8s.io_clusterpolicyreports.yaml',
];

export interface CrdVersion {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  schema: Schema;
}

/** Every served version of the vendored report CRDs. */
export function reportCrds(): CrdVersion[] {
  const out: CrdVersion[] = [];
  for (const file of REPORT_CRD_FILES) {
    for (const document of parseAllDocuments(readFileSync(new URL(file, DATA), 'utf8'))) {
      const crd = document.toJS() as {
        spec: {
          group: string;
          scope: string;
          names: { kind: string; plural: string };
          versions: { name: string; served: boolean; schema: { openAPIV3Schema: Schema } }[];
        };
      } | null;
      if (!crd?.spec) continue;
      for (const version of crd.spec.versions)
        if (version.served)
          out.push({
            group: crd.spec.group,
            version: version.name,
            kind: crd.spec.names.kind,
            plural: crd.spec.names.plural,
            namespaced: crd.spec.scope === 'Namespaced',
            schema: version.schema.openAPIV3Schema,
          });
    }
  }
  return out;
}

/** The OpenAPI v3 schema as a JSON Schema: undeclared fields refused, Kubernetes extensions and formats dropped. */
function strict(schema: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-kubernetes-') || key === 'format' || key === 'description') continue;
    if (key === 'properties') {
      const properties: Schema = {};
      for (const [name, child] of Object.entries(value as Schema)) properties[name] = strict(child as Schema);
      out.properties = properties;
    } else if (key === 'items' || key === 'additionalProperties') {
      out[key] = typeof value === 'object' ? strict(value as Schema) : value;
    } else out[key] = value;
  }
  // `metadata: {type: object}` is ObjectMeta, validated by the API server itself: left open.
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

const validators = new Map<string, ValidateFunction>();

/** Validates `object` against the CRD of its apiVersion and kind: the errors, none when it fits. */
export function crdErrors(object: { apiVersion?: unknown; kind?: unknown }): string[] {
  const key = `${String(object.apiVersion)}/${String(object.kind)}`;
  let validate = validators.get(key);
  if (!validate) {
    const crd = reportCrds().find((c) => `${c.group}/${c.version}/${c.kind}` === key);
    if (!crd) return [`no vendored CRD for ${key}`];
    validate = new Ajv({ allErrors: true, strict: false }).compile(strict(crd.schema));
    validators.set(key, validate);
  }
  if (validate(object)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
  );
}
