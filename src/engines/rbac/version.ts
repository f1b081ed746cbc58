/** A Kubernetes minor version; undefined input means "latest" (every switch at its newest behaviour). */
export interface K8sMinor {
  major: number;
  minor: number;
}

export function parseK8sVersion(version: string | undefined): K8sMinor | undefined {
  if (version === undefined || version === '' || version === 'latest') return undefined;
  const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
  if (!m) throw new Error(`invalid Kubernetes version "${version}" (expected e.g. 1.34 or v1.35.1)`);
  return { major: Number(m[1]), minor: Number(m[2]) };
}

export function atLeastVersion(version: string | undefined, major: number, minor: number): boolean {
  const v = parseK8sVersion(version);
  if (!v) return true;
  return v.major > major || (v.major === major && v.minor >= minor);
}

/**
 * Verbs that open an exec/attach/portforward stream on a pod subresource. A WebSocket upgrade is an HTTP GET,
 * so before 1.35 `get` sufficed (kubernetes/kubernetes#78741); from 1.35 the
 * AuthorizePodWebsocketUpgradeCreatePermission gate (beta, on) also requires `create`.
 * Any one of the returned verb sets is enough.
 */
export function podStreamVerbSets(version: string | undefined): string[][] {
  return atLeastVersion(version, 1, 35) ? [['create']] : [['create'], ['get']];
}

/** Constrained impersonation verbs (`impersonate:*`, `impersonate-on:*`) exist from 1.35 (KEP-5284, alpha). */
export function hasConstrainedImpersonation(version: string | undefined): boolean {
  return atLeastVersion(version, 1, 35);
}
