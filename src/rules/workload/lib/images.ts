/** An image reference split the way the container runtime resolves it (distribution/reference normalisation). */
export interface ImageReference {
  /** Registry host, `docker.io` when the reference names none. */
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImage(image: string): ImageReference {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > lastSlash) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
  }
  const firstSlash = rest.indexOf('/');
  const first = firstSlash === -1 ? '' : rest.slice(0, firstSlash);
  // The first component is a registry host only if it has a dot or a port, or is localhost.
  const hasRegistry = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first.toLowerCase() : 'docker.io';
  let repository = hasRegistry ? rest.slice(firstSlash + 1) : rest;
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  const reference: ImageReference = { registry, repository };
  if (tag !== undefined) reference.tag = tag;
  if (digest !== undefined) reference.digest = digest;
  return reference;
}

/** Registry patterns: `*.azurecr.io` (any subdomain), `mcr.microsoft.com`, or `ghcr.io/my-org/*` (registry + path). */
export function registryAllowed(image: ImageReference, patterns: readonly string[]): boolean {
  return registryMatcher(patterns)(image);
}

/** One matcher per list of patterns (a rule's parameter): the webhook runs its rules with the same list per review. */
const matchers = new WeakMap<readonly string[], (image: ImageReference) => boolean>();

/**
 * `registryAllowed` for one list of patterns (a rule checks every container against the same list): each pattern's
 * regex is made the first time it is tried, so a list is tried exactly as `registryAllowed` tries it. The matcher is
 * kept for that list (parameters are never changed in place).
 */
export function registryMatcher(patterns: readonly string[]): (image: ImageReference) => boolean {
  let matcher = matchers.get(patterns);
  if (matcher === undefined) {
    matcher = makeRegistryMatcher(patterns);
    matchers.set(patterns, matcher);
  }
  return matcher;
}

function makeRegistryMatcher(patterns: readonly string[]): (image: ImageReference) => boolean {
  const regexes = new Map<string, RegExp>();
  const regexOf = (pattern: string): RegExp => {
    let regex = regexes.get(pattern);
    if (regex === undefined) {
      regex = new RegExp(
        `^${pattern
          .toLowerCase()
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '[^/]*')}(/.*)?$`,
      );
      regexes.set(pattern, regex);
    }
    return regex;
  };
  return (image) => {
    const full = `${image.registry}/${image.repository}`;
    return patterns.some((pattern) =>
      regexOf(pattern).test(pattern.includes('/') ? full.toLowerCase() : image.registry),
    );
  };
}
