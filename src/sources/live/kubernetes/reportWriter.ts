/**
 * `scan --write-reports`: the report objects (src/report/policyReport.ts) written to the cluster the scan read, the
 * way a controller owns its objects: server-side apply with field manager `aksguard` (each report is replaced
 * whole, `force=true` takes over fields another manager set), and aksguard's reports that this scan no longer
 * produces (a namespace without results now, a namespace deleted) are deleted, found by their label.
 */
import {
  MANAGED_BY,
  MANAGED_BY_LABEL,
  REPORT_APIS,
  type ReportFlavour,
  type ReportObject,
} from '../../../report/policyReport.js';
import { LiveSourceError } from '../errors.js';
import { type KubeClient, parseJson, statusMessage } from './client.js';

export const FIELD_MANAGER = 'aksguard';

/**
 * Which report API the cluster serves: OpenReports when its CRD is installed, else wgpolicyk8s.io v1alpha2 (what
 * Kyverno and Policy Reporter installed before OpenReports), found by API discovery of each group/version.
 */
export async function discoverReportApi(client: KubeClient): Promise<ReportFlavour> {
  for (const flavour of ['openreports', 'policyreport'] as const) {
    const api = REPORT_APIS[flavour];
    const response = await client.send(`/apis/${api.group}/${api.version}`);
    if (response.status === 404) continue;
    if (response.status !== 200)
      throw new LiveSourceError(
        `${client.target.name}: API discovery of ${api.group}/${api.version} failed: ${statusMessage(response)}`,
      );
    const list = parseJson(response.body, `/apis/${api.group}/${api.version}`) as {
      resources?: { name?: unknown }[];
    };
    const names = new Set((list.resources ?? []).map((resource) => resource.name));
    if (names.has(api.namespaced.resource) && names.has(api.cluster.resource)) return flavour;
  }
  throw new LiveSourceError(
    `${client.target.name}: no report API is served: install the OpenReports CRDs (openreports.io/v1alpha1, e.g. the openreports Helm chart) or the PolicyReport CRDs (wgpolicyk8s.io/v1alpha2, installed with Kyverno or Policy Reporter)`,
  );
}

export interface WriteReportsResult {
  flavour: ReportFlavour;
  /** `Kind namespace/name` of each report applied. */
  applied: string[];
  /** `Kind namespace/name` of each stale report deleted. */
  deleted: string[];
}

function pathOf(
  flavour: ReportFlavour,
  scope: 'namespaced' | 'cluster',
  namespace?: string,
  name?: string,
): string {
  const api = REPORT_APIS[flavour];
  const base = `/apis/${api.group}/${api.version}`;
  const resource = api[scope].resource;
  const ns = namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${resource}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}`;
}

function describe(kind: string, namespace: string | undefined, name: string): string {
  return `${kind} ${namespace !== undefined ? `${namespace}/` : ''}${name}`;
}

async function expectOk(
  client: KubeClient,
  what: string,
  response: Awaited<ReturnType<KubeClient['send']>>,
  allowNotFound = false,
): Promise<void> {
  if (response.status >= 200 && response.status < 300) return;
  if (allowNotFound && response.status === 404) return;
  throw new LiveSourceError(`${client.target.name}: ${what}: ${statusMessage(response)}`);
}

interface Listed {
  namespace?: string;
  name: string;
}

/** aksguard's reports of one scope, by label (all namespaces, or the given ones). */
async function listOwn(
  client: KubeClient,
  flavour: ReportFlavour,
  scope: 'namespaced' | 'cluster',
  namespaces: readonly string[] | undefined,
): Promise<Listed[]> {
  const selector = encodeURIComponent(`${MANAGED_BY_LABEL}=${MANAGED_BY}`);
  const paths =
    scope === 'cluster' || namespaces === undefined
      ? [pathOf(flavour, scope)]
      : namespaces.map((namespace) => pathOf(flavour, scope, namespace));
  const out: Listed[] = [];
  for (const path of paths) {
    let next: string | undefined;
    do {
      const url = `${path}?labelSelector=${selector}&limit=500${next ? `&continue=${encodeURIComponent(next)}` : ''}`;
      const list = (await client.getJson(url)) as {
        items?: { metadata?: { name?: unknown; namespace?: unknown } }[];
        metadata?: { continue?: unknown };
      };
      for (const item of list.items ?? []) {
        const name = item.metadata?.name;
        const namespace = item.metadata?.namespace;
        if (typeof name !== 'string') continue;
        out.push(typeof namespace === 'string' ? { namespace, name } : { name });
      }
      next =
        typeof list.metadata?.continue === 'string' && list.metadata.continue
          ? list.metadata.continue
          : undefined;
    } while (next);
  }
  return out;
}

/**
 * Applies the reports and deletes aksguard's stale ones. `namespaces`: the scan read only these namespaces (`-n`),
 * so only their reports are replaced or pruned and the cluster-wide report is left as the last full scan wrote it.
 */
export async function writeReports(
  client: KubeClient,
  flavour: ReportFlavour,
  objects: readonly ReportObject[],
  options: { namespaces?: readonly string[] } = {},
): Promise<WriteReportsResult> {
  const api = REPORT_APIS[flavour];
  const result: WriteReportsResult = { flavour, applied: [], deleted: [] };
  const written = new Set<string>();
  const limited = options.namespaces !== undefined;
  for (const object of objects) {
    const namespace = object.metadata.namespace;
    if (limited && namespace === undefined) continue;
    const scope = namespace === undefined ? 'cluster' : 'namespaced';
    const path = `${pathOf(flavour, scope, namespace, object.metadata.name)}?fieldManager=${FIELD_MANAGER}&force=true`;
    const what = describe(object.kind, namespace, object.metadata.name);
    // Server-side apply: the body is the whole intended object (JSON is YAML).
    const response = await client.send(path, {
      method: 'PATCH',
      contentType: 'application/apply-patch+yaml',
      body: object,
    });
    await expectOk(client, `applying ${what}`, response);
    result.applied.push(what);
    written.add(`${namespace ?? ''}\u0000${object.metadata.name}`);
  }
  const scopes: ('namespaced' | 'cluster')[] = limited ? ['namespaced'] : ['namespaced', 'cluster'];
  for (const scope of scopes) {
    for (const own of await listOwn(client, flavour, scope, options.namespaces)) {
      if (written.has(`${own.namespace ?? ''}\u0000${own.name}`)) continue;
      const what = describe(api[scope].kind, own.namespace, own.name);
      const response = await client.send(pathOf(flavour, scope, own.namespace, own.name), {
        method: 'DELETE',
      });
      // Already gone (another scan pruned it): nothing to do.
      await expectOk(client, `deleting the stale ${what}`, response, true);
      result.deleted.push(what);
    }
  }
  return result;
}
