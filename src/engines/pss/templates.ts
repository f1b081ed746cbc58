import type { ResourceRef } from '../../model/finding.js';
import type { Inventory } from '../../model/inventory.js';
import { locateIn, type PodTemplate, refOf } from '../../model/k8s.js';
import type { Location, PathSegment } from '../../model/source.js';
import { evaluatePod, type PssPolicy, type PssResult } from './evaluate.js';

/** Maps a violation field path (`['spec', ...]` / `['metadata', ...]`) to a path inside the template's owner object. */
export function ownerPath(template: PodTemplate, path: readonly PathSegment[]): PathSegment[] {
  // concat and slice: arrays of the exact length, without the iterator a destructuring rest and spreads go through.
  return (path[0] === 'metadata' ? template.metadataPath : template.specPath).concat(path.slice(1));
}

export function evaluateTemplate(template: PodTemplate, policy: PssPolicy): PssResult {
  return evaluatePod({ metadata: template.metadata, spec: template.spec }, policy);
}

/** `pss check -o json` writes verdicts as they are: their members, in this order, are its output. */
export interface TemplateVerdict {
  resource: ResourceRef;
  location: Location;
  allowed: boolean;
  violations: { check: string; reason: string; detail: string; location: Location }[];
}

/** Every Pod and workload pod template of the inventory, judged at one policy; violations located at their first field. */
export function evaluateInventory(inventory: Inventory, policy: PssPolicy): TemplateVerdict[] {
  return inventory.podTemplates.map((template) => verdictOf(template, policy));
}

/** One Pod or pod template judged at a policy; each violation located at its first field. */
export function verdictOf(template: PodTemplate, policy: PssPolicy): TemplateVerdict {
  const result = evaluateTemplate(template, policy);
  return {
    resource: refOf(template.owner),
    location: template.owner.location,
    allowed: result.allowed,
    violations: result.violations.map((v) => ({
      check: v.check,
      reason: v.reason,
      detail: v.detail,
      location: v.fields[0]
        ? locateIn(template.owner, ownerPath(template, v.fields[0].path))
        : template.owner.location,
    })),
  };
}
