import type { PathSegment, Location } from './source.js';

/**
 * The AKS cluster, whatever dialect described it (ARM resource, `az aks show`, ARM template,
 * Terraform, Terraform plan). Filled by `load/aks/`; read by the `aks` and `cross` rule families.
 *
 * A value may be `Unknown` when it depends on something a static reading cannot see
 * (a Terraform variable without default, an unresolvable ARM expression).
 */
export interface Unknown {
  unknown: true;
  /** Human reason, e.g. `depends on var.authorized_ip_ranges`. */
  reason: string;
}

export function isUnknown(value: unknown): value is Unknown {
  return typeof value === 'object' && value !== null && (value as { unknown?: unknown }).unknown === true;
}

/** A field value together with where it was read (absent fields have no location). */
export interface Sourced<T> {
  value: T | Unknown | undefined;
  location?: Location;
  /** True when the value is a platform default, not written in the input. */
  defaulted?: boolean;
}

export interface AksCluster {
  name: string;
  id?: string;
  /** Which dialect the cluster came from. */
  dialect: 'arm' | 'azcli' | 'armTemplate' | 'terraform' | 'terraformPlan';
  /** Where the cluster is declared (the resource block or document). */
  location: Location;
  /** Opaque dialect-specific data owned by `load/aks/`. */
  [key: string]: unknown;
}

export type { PathSegment };
