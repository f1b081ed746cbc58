/** One step of a path into a parsed document: a map key or a sequence index. */
export type PathSegment = string | number;

/** Where something is in the input. Lines and columns are 1-based. */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** Renders a path the way kubectl and JSONPath users read it: `spec.containers[0].image`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

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
