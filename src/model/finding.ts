import type { Severity } from './severity.js';
import type { Location, RenderOrigin } from './source.js';

/** What a finding is about. Kubernetes objects, the AKS cluster (`ManagedCluster`) or a node pool (`AgentPool`). */
export interface ResourceRef {
  apiVersion?: string;
  kind: string;
  namespace?: string;
  name: string;
  /** Azure resource id, when known. */
  id?: string;
  /** Kubernetes API path of an object read from a live cluster (it has no file). */
  apiPath?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  resource: ResourceRef;
  location?: Location;
  /** For objects a renderer produced: the Helm chart and template, or the Kustomize overlay (`location` is the file to edit). */
  origin?: RenderOrigin;
  /** Other places the same object (same kind, namespace and name, same content) is declared; it was scanned once. */
  duplicates?: Location[];
  /** Dotted path of the offending field inside the resource, e.g. `spec.containers[0].image`. */
  path?: string;
  /** Facts that justify the finding (observed value, expected value, chains). Never a secret value. */
  evidence?: Record<string, unknown>;
  fix?: string;
  /** Stable identity across runs, independent of line numbers; used by baselines and SARIF. */
  fingerprint: string;
}

/** A control that could not be judged because an input value is unknown (a Terraform variable, an ARM expression). */
export interface NotEvaluated {
  ruleId: string;
  resource?: ResourceRef;
  location?: Location;
  reason: string;
}

/** Where a finding is shown: `file:line`, or the API path / Azure resource id of a live resource. */
export function placeOf(location: Location | undefined, resource: ResourceRef): string | undefined {
  if (location) return `${location.file}:${location.line}`;
  return resource.apiPath ?? resource.id;
}

export function formatResource(resource: ResourceRef): string {
  const ns = resource.namespace ? `${resource.namespace}/` : '';
  return `${resource.kind} ${ns}${resource.name}`;
}
