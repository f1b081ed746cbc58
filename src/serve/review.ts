/**
 * The AdmissionReview protocol (admission.k8s.io/v1, k8s.io/api/admission/v1/types.go): the request the API server
 * POSTs, and the response it expects back in an AdmissionReview of the same version, HTTP 200, with the request's
 * `uid`. Anything that is not a well-formed review gets a refusal in the same form (HTTP 400), never a crash.
 */
import { isJsonObject, type JsonObject } from '../model/json.js';

export const REVIEW_VERSIONS = ['admission.k8s.io/v1', 'admission.k8s.io/v1beta1'] as const;

export interface AdmissionRequest {
  uid: string;
  kind: { group: string; version: string; kind: string };
  namespace?: string;
  name?: string;
  operation: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  object?: JsonObject;
  dryRun: boolean;
}

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: { code: number; reason?: string; message: string };
  warnings?: string[];
  auditAnnotations?: Record<string, string>;
}

export type ParsedReview =
  | { ok: true; apiVersion: string; request: AdmissionRequest }
  | { ok: false; apiVersion: string; uid: string; code: number; message: string };

const OPERATIONS = new Set(['CREATE', 'UPDATE', 'DELETE', 'CONNECT']);

/** Reads a review from its JSON text; a refusal says what is wrong with it. */
export function parseReview(text: string): ParsedReview {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // JSON.parse of a deeply nested document throws RangeError: still a refusal, not a crash.
    const what = error instanceof RangeError ? 'nested too deeply' : 'not JSON';
    return refusal('admission.k8s.io/v1', '', 400, `the request body is ${what}`);
  }
  if (!isJsonObject(value))
    return refusal('admission.k8s.io/v1', '', 400, 'the request body is not a JSON object');
  const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : '';
  const version = (REVIEW_VERSIONS as readonly string[]).includes(apiVersion)
    ? apiVersion
    : 'admission.k8s.io/v1';
  const request = isJsonObject(value.request) ? value.request : undefined;
  const uid = typeof request?.uid === 'string' ? request.uid : '';
  if (value.kind !== 'AdmissionReview' || version !== apiVersion)
    return refusal(
      version,
      uid,
      400,
      `expected an AdmissionReview of ${REVIEW_VERSIONS.join(' or ')}, got ${describeKind(value)}`,
    );
  if (!request || uid === '') return refusal(version, uid, 400, 'the AdmissionReview has no request.uid');
  const kind = isJsonObject(request.kind) ? request.kind : {};
  const operation = typeof request.operation === 'string' ? request.operation : '';
  if (!OPERATIONS.has(operation))
    return refusal(version, uid, 400, 'request.operation is not CREATE, UPDATE, DELETE or CONNECT');
  if (typeof kind.kind !== 'string' || typeof kind.version !== 'string')
    return refusal(version, uid, 400, 'request.kind has no kind and version');
  if (request.object !== undefined && request.object !== null && !isJsonObject(request.object))
    return refusal(version, uid, 400, 'request.object is not an object');
  const parsed: AdmissionRequest = {
    uid,
    kind: { group: typeof kind.group === 'string' ? kind.group : '', version: kind.version, kind: kind.kind },
    operation: operation as AdmissionRequest['operation'],
    dryRun: request.dryRun === true,
  };
  if (typeof request.namespace === 'string' && request.namespace !== '') parsed.namespace = request.namespace;
  if (typeof request.name === 'string' && request.name !== '') parsed.name = request.name;
  if (isJsonObject(request.object)) parsed.object = request.object;
  return { ok: true, apiVersion: version, request: parsed };
}

function describeKind(value: JsonObject): string {
  const kind = typeof value.kind === 'string' ? value.kind.slice(0, 60) : 'no kind';
  const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion.slice(0, 60) : 'no apiVersion';
  return JSON.stringify(`${apiVersion} ${kind}`);
}

function refusal(apiVersion: string, uid: string, code: number, message: string): ParsedReview {
  return { ok: false, apiVersion, uid, code, message };
}

/**
 * The fields of AdmissionResponse that reviewResponse does not write by name: none. One added to AdmissionResponse
 * fails to compile here until it is written too (a check of types: a rest destructuring doing it at run time made an
 * object per review).
 */
type Unwritten = Exclude<
  keyof AdmissionResponse,
  'uid' | 'allowed' | 'status' | 'warnings' | 'auditAnnotations'
>;
const EVERY_FIELD_WRITTEN: [Unwritten] extends [never] ? true : never = true;
void EVERY_FIELD_WRITTEN;

/**
 * The AdmissionReview that answers a request. With `warningsJson` (the response's warnings already written as a JSON
 * array, src/serve/engine.ts `warningLines`), the same text as `JSON.stringify` would make, fields in the same order,
 * except for the warnings' escapes: an answer of ASCII text stays a one-byte string.
 */
export function reviewResponse(
  apiVersion: string,
  response: AdmissionResponse,
  warningsJson?: string,
): string {
  if (warningsJson === undefined || response.warnings === undefined)
    return JSON.stringify({ apiVersion, kind: 'AdmissionReview', response });
  const { uid, allowed, status, auditAnnotations } = response;
  let json = `{"apiVersion":${JSON.stringify(apiVersion)},"kind":"AdmissionReview","response":{"uid":${JSON.stringify(uid)},"allowed":${allowed}`;
  if (status !== undefined) json += `,"status":${JSON.stringify(status)}`;
  json += `,"warnings":${warningsJson}`;
  if (auditAnnotations !== undefined) json += `,"auditAnnotations":${JSON.stringify(auditAnnotations)}`;
  return `${json}}}`;
}
