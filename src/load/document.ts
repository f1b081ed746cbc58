import {
  type LiveOrigin,
  type Location,
  liveLocation,
  type PathSegment,
  type RenderOrigin,
} from '../model/source.js';

/**
 * One parsed document of an input file: its plain value and a way back from any path inside it
 * to the line and column where that field is written.
 */
export interface SourceDocument {
  /** Path as given on the command line (relative to the working directory when possible). */
  readonly file: string;
  /** Index of the document in a multi-document YAML stream (0-based). */
  readonly index: number;
  readonly value: unknown;
  /** Location of the deepest node on `path` that exists; the document start when none does. */
  locate(path: readonly PathSegment[]): Location;
  /** Set on documents a renderer produced (Helm, Kustomize): the chart and template, or the overlay. */
  readonly origin?: RenderOrigin;
  /** The `values.yaml` path that drives a rendered field, when its template shows one (Helm). */
  valuePath?(path: readonly PathSegment[]): string | undefined;
  /** Namespace of namespaced objects that name none, when the renderer decides it (a Helm release namespace). */
  readonly defaultNamespace?: string;
  /** Set for an object read from a live API (Kubernetes, Azure): it has no file and no positions. */
  readonly live?: LiveOrigin;
}

/** A document for one object read from a live API: every path inside it locates to the object's origin. */
export function liveDocument(origin: LiveOrigin, value: unknown, index = 0): SourceDocument {
  return new LiveDocument(origin, value, index);
}

/**
 * `locate` on the prototype rather than a closure per document: the webhook makes one at every review, and the CLI
 * bundle (esbuild keepNames) names each closure with a defineProperty call (~0.8 µs a review).
 */
class LiveDocument implements SourceDocument {
  readonly file: string;
  private readonly location: Location;
  constructor(
    readonly live: LiveOrigin,
    readonly value: unknown,
    readonly index: number,
  ) {
    this.file = live.path;
    this.location = liveLocation(live);
  }

  locate(): Location {
    return this.location;
  }
}

/** A document whose positions were let go: every path inside it locates to its object. */
class PositionlessDocument implements SourceDocument {
  readonly origin?: RenderOrigin;
  readonly defaultNamespace?: string;
  constructor(
    readonly file: string,
    readonly index: number,
    readonly value: unknown,
    private readonly location: Location,
    from: SourceDocument,
  ) {
    if (from.origin) this.origin = from.origin;
    if (from.defaultNamespace !== undefined) this.defaultNamespace = from.defaultNamespace;
  }

  locate(): Location {
    return this.location;
  }
}

/**
 * Lets the position tables of these objects' documents go, for a command that locates no field of them any more
 * (`netpol list` once the invalid policies are reported): each keeps its file, value and origin, and every path
 * locates to the object itself. On the 50k-pod cluster positions were about 230 MiB of the 550 MiB loaded.
 */
export function releasePositions(objects: readonly { document: SourceDocument; location: Location }[]): void {
  for (const object of objects) {
    const document = object.document;
    if (document.live || document instanceof PositionlessDocument) continue;
    object.document = new PositionlessDocument(
      document.file,
      document.index,
      document.value,
      object.location,
      document,
    );
  }
}
