import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package loaded on first use, synchronously, instead of at start-up: a command that never needs it (most
 * never render YAML or lay out a graph) does not pay for loading it. Only for packages that ship CommonJS, and
 * Node's built-in modules.
 */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(name) as T;
    return loaded;
  };
}
