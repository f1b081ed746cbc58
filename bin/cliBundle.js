// Loads the CLI for bin/aksguard.js and bin/kubectl-aksguard.js: the one-file bundle `npm run build` makes
// (dist/cli/bundle/main.cjs, scripts/bundle-cli.mjs) compiled with the V8 code cache written beside it at build time,
// else the compiled modules (dist/cli/main.js).
//
// Why a classic script: Node 20 keeps no compiled code between runs for ES modules (module.enableCompileCache is
// Node 22), but vm.Script takes V8's code cache (`cachedData`). A one-file scan then neither parses the bundle nor
// compiles the functions the cache holds, and Node resolves, reads and links one file instead of ~50 chunks.

import { hash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

export const BUNDLE = fileURLToPath(new URL('../dist/cli/bundle/main.cjs', import.meta.url));
export const CODE_CACHE = `${BUNDLE}.v8cache`;

// The bundle runs as a CommonJS module body. `import.meta` and the dynamic imports of packages (which a classic
// script cannot do itself without an experimental vm option on Node 20) are passed in from this module: the build
// replaced them by these two names (scripts/bundle-cli.mjs), so packages resolve from the package as before.
export const IMPORT_META = '__aksguardImportMeta';
export const DYNAMIC_IMPORT = '$impt$';
const HEAD = `(function (exports, require, module, __filename, __dirname, ${IMPORT_META}, ${DYNAMIC_IMPORT}) {\n`;
const TAIL = '\n})';

/** The script V8 compiles: the bundle wrapped as a function, its lines numbered as in the file. */
function wrapped(source) {
  return `${HEAD}${source}${TAIL}`;
}

// V8 accepts a code cache for any source of the same length (it checks the length, its own version and flags, not
// the text): the cache file starts with the SHA-256 of the script it was made from, and any other script ignores it.
const DIGEST_BYTES = 32;

function digestOf(script) {
  return hash('sha256', script, 'buffer');
}

/** The V8 code cache made for exactly this script, else undefined (none, or made for another bundle). */
function cacheFor(script, cacheFile) {
  if (!existsSync(cacheFile)) return undefined;
  const file = readFileSync(cacheFile);
  if (file.length <= DIGEST_BYTES || !file.subarray(0, DIGEST_BYTES).equals(digestOf(script)))
    return undefined;
  return file.subarray(DIGEST_BYTES);
}

/**
 * Compiles and runs the bundle (its modules stay uninitialised until used: esbuild wraps them lazily). `cache` says
 * what became of the code cache: `accepted`, `rejected` (by V8: another Node version or flags), `absent` (none for
 * this bundle). `writeCache()` stores the code compiled so far, for the build (scripts/write-code-cache.mjs).
 */
export function compileBundle(
  bundleFile = BUNDLE,
  cacheFile = `${bundleFile}.v8cache`,
  { useCache = true } = {},
) {
  const text = wrapped(readFileSync(bundleFile, 'utf8'));
  const cachedData = useCache ? cacheFor(text, cacheFile) : undefined;
  const script = new Script(text, {
    filename: bundleFile,
    lineOffset: -1,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} };
  const url = pathToFileURL(bundleFile).href;
  const meta = { url, resolve: (specifier) => import.meta.resolve(specifier) };
  const dynamicImport = (specifier) => import(specifier);
  const run = script.runInThisContext();
  run.call(
    module.exports,
    module.exports,
    createRequire(bundleFile),
    module,
    bundleFile,
    fileURLToPath(new URL('.', url)),
    meta,
    dynamicImport,
  );
  return {
    main: module.exports.main,
    cache: cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted',
    writeCache: () => writeFileSync(cacheFile, Buffer.concat([digestOf(text), script.createCachedData()])),
  };
}

/** `aksguard --version` (or `-V`) and nothing else, as src/cli/main.ts tells it: the modules answer it quicker. */
function onlyVersion(argv) {
  return argv.length === 1 && (argv[0] === '-V' || argv[0] === '--version');
}

/** Runs the CLI with the process's arguments and sets the exit code (DESIGN §6). */
export async function runCli(options = {}) {
  const argv = process.argv.slice(2);
  const { main } =
    existsSync(BUNDLE) && !onlyVersion(argv) ? compileBundle() : await import('../dist/cli/main.js');
  process.exitCode = await main(argv, options);
}
