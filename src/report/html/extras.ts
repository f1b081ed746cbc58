/**
 * What the HTML report draws beyond the findings, computed from the inventory at report time: the connectivity
 * graph (netpol engine), escalation diagrams of RBAC findings (RBAC engine), and the securityContext patches of
 * `aksguard fix` for the workloads (shown diff-style). The scan itself does not need any of it.
 */
import { analyzeInventory, engineChoice } from '../../engines/netpol/index.js';
import { parseLevel, parseVersion } from '../../engines/pss/version.js';
import { EscalationGraph } from '../../engines/rbac/escalation.js';
import { escalationContextFromInventory, rbacEngineFromInventory } from '../../engines/rbac/fromInventory.js';
import { workloadFixes } from '../../fix/workload.js';
import type { ResourceRef } from '../../model/finding.js';
import type { Inventory } from '../../model/inventory.js';
import type { ScanSettings } from '../../rules/defineRule.js';
import type { Report } from '../report.js';
import { type ConnectivityOptions, type ConnectivityView, connectivityView } from './connectivity.js';
import type { DiffView } from './diffGraph.js';
import { escalationDiagrams } from './escalation.js';
import type { Graph } from './graph.js';

export interface ResourcePatch {
  /** `kubectl patch` strategic merge patch, YAML. */
  patch: string;
  /** What it is for, e.g. `Pod Security restricted latest`. */
  purpose: string;
}

export interface ReportExtras {
  connectivity?: ConnectivityView;
  /** Why there is no connectivity graph (no workloads). */
  connectivityMissing?: string;
  /** Escalation (or grant) diagram per RBAC finding fingerprint. */
  escalations?: Map<string, Graph>;
  /** RBAC findings beyond the diagram cap. */
  escalationsOmitted?: number;
  /** Patches per resource key (see `resourceKey`). */
  patches?: Map<string, ResourcePatch>;
  /** netpol diff / --compare-engines. */
  diff?: DiffView;
}

/** Identity of a resource in one file, for joining findings with patches. */
export function resourceKey(resource: ResourceRef, file: string | undefined): string {
  return [resource.kind, resource.namespace ?? '', resource.name, file ?? ''].join('\u0000');
}

export interface ExtrasOptions {
  connectivity?: ConnectivityOptions;
  maxEscalationDiagrams?: number;
}

export function buildReportExtras(
  inventory: Inventory,
  settings: ScanSettings,
  report: Report,
  options: ExtrasOptions = {},
): ReportExtras {
  const extras: ReportExtras = {};
  const k8sVersion = typeof settings.k8sVersion === 'string' ? settings.k8sVersion : undefined;
  const analysis = analyzeInventory(inventory, {
    engine: engineChoice(settings.netpolEngine),
    defaultNamespace: settings.defaultNamespace,
    ...(k8sVersion ? { k8sVersion } : {}),
  });
  if (analysis.workloads.some((workload) => !workload.virtual))
    extras.connectivity = connectivityView(analysis, options.connectivity);
  else extras.connectivityMissing = 'no workloads among the inputs';

  if (report.findings.some((finding) => finding.ruleId.startsWith('RBAC-'))) {
    const engine = rbacEngineFromInventory(inventory, k8sVersion ? { k8sVersion } : {});
    const graph = new EscalationGraph(engine, escalationContextFromInventory(inventory, k8sVersion));
    const { diagrams, omitted } = escalationDiagrams(
      report.findings,
      engine,
      graph,
      options.maxEscalationDiagrams,
    );
    extras.escalations = diagrams;
    extras.escalationsOmitted = omitted;
  }

  const level = parseLevel(typeof settings.pssLevel === 'string' ? settings.pssLevel : 'restricted');
  const version = parseVersion(typeof settings.pssVersion === 'string' ? settings.pssVersion : 'latest');
  if (!level.error && !version.error) {
    const purpose = `Pod Security ${level.value} ${typeof settings.pssVersion === 'string' ? settings.pssVersion : 'latest'} (aksguard fix)`;
    extras.patches = new Map();
    for (const fix of workloadFixes(inventory, { level: level.value, version: version.value }))
      if (fix.patch)
        extras.patches.set(resourceKey(fix.resource, fix.location.file), { patch: fix.patch, purpose });
  }
  return extras;
}
