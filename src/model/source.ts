/** One step of a path into a parsed document: a map key or a sequence index. */
export type PathSegment = string | number;

/**
 * Where a live object or resource was read: the source (`context prod`, `in-cluster`, `azure`) and the object's
 * API path (`/apis/apps/v1/namespaces/shop/deployments/web`) or Azure resource id.
 */
export interface LiveOrigin {
  source: string;
  /** Kubernetes API path of the object, or its Azure resource id. */
  path: string;
  /** Which API the object came from. */
  api: 'kubernetes' | 'azure';
}

/** Where something is in the input. Lines and columns are 1-based. */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /**
   * Set for objects read from a live API: there is no file, `file` repeats the API path and `line` is 0.
   * Findings drop such a location and carry the path in their resource instead (DESIGN §5).
   */
  live?: LiveOrigin;
}

/** The location of everything inside a live object: its origin, no file position. */
export function liveLocation(origin: LiveOrigin): Location {
  return { file: origin.path, line: 0, column: 0, live: origin };
}

/** Renders a path the way kubectl and JSONPath users read it: `spec.containers[0].image`. */
export function formatPath(path: readonly PathSegment[]): string {
  // Joined once: a string grown by `+=` is kept as a tree of its pieces (~8 objects for a container field), and a
  // finding keeps its path until the report is written.
  const parts: string[] = [];
  for (const segment of path) {
    if (typeof segment === 'number') parts.push(`[${segment}]`);
    else if (IDENTIFIER.test(segment)) parts.push(parts.length === 0 ? segment : `.${segment}`);
    else parts.push(`[${JSON.stringify(segment)}]`);
  }
  return parts.join('');
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/**
 * Where a rendered object comes from, when a renderer produced it (DESIGN §5): the Helm chart and the template
 * `helm template` names in its `# Source:` comment, or the Kustomize overlay that was built. `location` then points
 * at the file a person edits (the template, or the resource file kustomize read), not at rendered output.
 */
export interface RenderOrigin {
  /** Helm chart folder, as reported (relative to the working directory). */
  chart?: string;
  /** Template path inside the chart, as helm names it without the chart name: `templates/service.yaml`. */
  template?: string;
  /** On a finding: the values path that drives the field at fault (`securityContext.privileged`), set it there. */
  value?: string;
  /** Kustomize overlay folder that was built. */
  overlay?: string;
  /** The GitOps object that asked for the render (Flux HelmRelease or Kustomization, Argo CD Application). */
  via?: { kind: string; name: string; file: string; line: number };
}
