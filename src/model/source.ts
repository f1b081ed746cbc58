import { boundedMemo } from './boundedMemo.js';

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
  let text = '';
  for (let index = 0; index < path.length; index++) {
    const segment = path[index]!;
    if (typeof segment === 'number') text += `[${segment}]`;
    else {
      const piece = pieceOf(segment);
      text += index === 0 && piece.charCodeAt(0) === DOT ? segment : piece;
    }
  }
  // A string grown by `+=` is a tree of its pieces (~8 objects for a container field) until it is read, and a finding
  // keeps its path until the report is written: reading one character makes it one string now.
  if (text.length > 0) text.charCodeAt(0);
  return text;
}

const DOT = 46;

/** `.name`, or `["name"]` for a name that is not an identifier, of the names seen so far (a bounded cache). */
const pieceOf = boundedMemo((segment) =>
  IDENTIFIER.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`,
);

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
