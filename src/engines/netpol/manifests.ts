/**
 * A minimal manifest reader for the engine's own tools (conformance runner, benchmark, `netpol diff`
 * fallback): YAML/JSON text to plain objects, Lists expanded. The scan path uses the project loader.
 */

import { parseYamlFile } from '../../load/yaml.js';
import { isJsonObject as isRecord } from '../../model/json.js';
import type { EngineObject } from './model.js';

function expand(value: unknown, out: EngineObject[]): void {
  if (Array.isArray(value)) {
    for (const item of value) expand(item, out);
    return;
  }
  if (!isRecord(value)) return;
  const kind = typeof value.kind === 'string' ? value.kind : '';
  if (kind.endsWith('List') && Array.isArray(value.items)) {
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    for (const item of value.items) {
      if (isRecord(item) && itemKind && item.kind === undefined) expand({ ...item, kind: itemKind }, out);
      else expand(item, out);
    }
    return;
  }
  if (kind) out.push({ raw: value });
}

/**
 * Parses one file's text with the project's YAML reader (alias limits, merge keys, kubectl's leniency);
 * documents that fail to parse are reported through `onError` and skipped.
 */
export function parseManifests(text: string, onError?: (message: string) => void): EngineObject[] {
  const out: EngineObject[] = [];
  const parsed = parseYamlFile('<manifest>', text);
  for (const issue of parsed.issues) if (issue.level === 'error') onError?.(issue.message);
  for (const document of parsed.documents) expand(document.value, out);
  return out;
}
