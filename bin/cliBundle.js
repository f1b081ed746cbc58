// Loads the CLI for bin/aksguard.js and bin/kubectl-aksguard.js: the one-file bundle `npm run build` makes
// (dist/cli/bundle/main.cjs, scripts/bundle-cli.mjs) compiled with the V8 code cache written beside it at build time,
// else the compiled modules (dist/cli/main.js).
//
// Why a classic script: Node 20 keeps no compiled code between runs for ES modules (module.enableCompileCache is
// Node 22), but vm.Script takes V8's code cache (`cachedData`). A one-file scan then neither parses the bundle nor
// compiles the functions the cache holds, and Node resolves, reads and links one file instead of ~50 chunks.
// CommonJS (bin/package.json): an ES module entry starts Node's ES module loader first (~10 ms of CPU).
'use strict';

const { isAscii } = require('node:buffer');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');

const BUNDLE = join(__dirname, '../dist/cli/bundle/main.cjs');

// The bundle is a function expression taking what a CommonJS module gets plus two names (the build wraps it:
// scripts/bundle-cli.mjs, in the order of PARAMETERS): `import.meta` and the dynamic import of packages, which a
// classic script cannot do itself on Node 20 without an experimental vm option. Both come from this module, so
// packages resolve from the package as they did before.
const IMPORT_META = '__aksguardImportMeta';
const DYNAMIC_IMPORT = '$impt$';
const PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname', IMPORT_META, DYNAMIC_IMPORT];

// V8 accepts a code cache for any source of the same length (it checks the length, its own version and flags, not
// the text): the cache file starts with the SHA-256 of the bundle it was made from, and any other bundle ignores it.
const DIGEST_BYTES = 32;

function digestOf(bytes) {
  return require('node:crypto').hash('sha256', bytes, 'buffer');
}

/**
 * The V8 code cache made for exactly these bytes, else undefined (none, unreadable, or made for another bundle): the
 * cache only saves time, so nothing about it stops the CLI.
 */
function cacheFor(bytes, cacheFile) {
  let file;
  try {
    file = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (file.length <= DIGEST_BYTES || !file.subarray(0, DIGEST_BYTES).equals(digestOf(bytes)))
    return undefined;
  return file.subarray(DIGEST_BYTES);
}

/** The script's text: esbuild writes ASCII (other characters escaped), which latin1 decodes quicker than UTF-8. */
function textOf(bytes) {
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

/**
 * Compiles and runs the bundle (its modules stay uninitialised until used: esbuild wraps them lazily). `cache` says
 * what became of the code cache: `accepted`, `rejected` (by V8: another Node version or flags), `absent` (none for
 * this bundle). `writeCache()` stores the code compiled so far, for the build (scripts/write-code-cache.mjs).
 * `server`: for `aksguard serve`, which keeps V8's default budget (BATCH_INTERRUPT_BUDGET) and so goes without the
 * cache, made under the batch setting (V8 would reject it).
 */
function compileBundle(
  bundleFile = BUNDLE,
  cacheFile = `${bundleFile}.v8cache`,
  { useCache = true, server = false } = {},
) {
  if (!server) tuneForBatch();
  const { Script } = require('node:vm');
  const bytes = readFileSync(bundleFile);
  const cachedData = useCache && !server ? cacheFor(bytes, cacheFile) : undefined;
  const script = new Script(textOf(bytes), { filename: bundleFile, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} };
  const bundleRequire = createRequire(bundleFile);
  // `import.meta` of every bundled module, as an ES module in the bundle's place would see it.
  const meta = {
    url: pathToFileURL(bundleFile).href,
    filename: bundleFile,
    dirname: dirname(bundleFile),
    // Only the YAML pool's start-up of a TypeScript worker asks (never from the bundle, whose worker is built).
    resolve: (specifier) => pathToFileURL(bundleRequire.resolve(specifier)).href,
  };
  const dynamicImport = (specifier) => import(specifier);
  const run = script.runInThisContext();
  run.call(
    module.exports,
    module.exports,
    bundleRequire,
    module,
    bundleFile,
    dirname(bundleFile),
    meta,
    dynamicImport,
  );
  return {
    main: module.exports.main,
    cache: cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted',
    writeCache: () => writeFileSync(cacheFile, Buffer.concat([digestOf(bytes), script.createCachedData()])),
  };
}

/**
 * V8's interrupt budget for the commands that run once and end (all but `serve`): how much bytecode a function runs
 * between two checks of whether to optimise it (V8 11.3's default is 66 KB, `--interrupt-budget=67584`). A scan runs
 * each of ~150 rules over every object once: at the default, TurboFan compiles ~200 functions in a 10k-object scan,
 * most of them warm for a few milliseconds and then never run again (its compilations were ~35 % of the scan's
 * instructions, callgrind). Nine times the budget optimises what stays hot (~60 functions `--trace-opt`): 10k-object
 * scan −21 % CPU, `pss check` of 10k templates
 * −7 %, RBAC-heavy scan −7 % (CPU, paired runs). The server keeps V8's default (it runs for days: its hot
 * path is optimised once and early). Set before the bundle is compiled: V8 keys the code cache on its flags, so the
 * build writes the cache under the same setting (compileBundle).
 */
const BATCH_INTERRUPT_BUDGET = 600_000;

/** Raises V8's interrupt budget for a command that runs once (see BATCH_INTERRUPT_BUDGET). */
function tuneForBatch() {
  require('node:v8').setFlagsFromString(`--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`);
}

/** Whether the arguments start the long-running webhook server (root options come only before the command). */
function startsServer(argv) {
  return argv[0] === 'serve';
}

/** The scan the build runs to make the code cache (scripts/write-code-cache.mjs): the code it compiles is cached. */
const CACHE_TRAINING_SCAN = [
  'scan',
  'examples/aks-store-demo/aks-store-all-in-one.yaml',
  '--no-config',
  '-o',
  'json',
  '--fail-on',
  'none',
];

/** `aksguard --version` (or `-V`) and nothing else, as src/cli/main.ts tells it. */
function onlyVersion(argv) {
  return argv.length === 1 && (argv[0] === '-V' || argv[0] === '--version');
}

/**
 * What `aksguard --version` prints (src/cli/main.ts): the version in the package's package.json (src/version.ts
 * reads the same file), answered here without starting the CLI (Node's ES module loader and the modules cost ~30 ms
 * of CPU). A reader that closed the pipe gets nothing and no error, as the CLI's own output does.
 */
function printVersion() {
  const { version } = JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8'));
  process.stdout.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
  process.stdout.write(`${version}\n`);
}

/** Runs the CLI with the process's arguments and sets the exit code (DESIGN §6). */
async function runCli(options = {}) {
  const argv = process.argv.slice(2);
  if (onlyVersion(argv)) {
    printVersion();
    process.exitCode = 0;
    return;
  }
  const server = startsServer(argv);
  let main;
  if (existsSync(BUNDLE)) main = compileBundle(BUNDLE, undefined, { server }).main;
  else {
    if (!server) tuneForBatch();
    ({ main } = await import('../dist/cli/main.js'));
  }
  process.exitCode = await main(argv, options);
}

module.exports = {
  BUNDLE,
  CACHE_TRAINING_SCAN,
  DYNAMIC_IMPORT,
  IMPORT_META,
  PARAMETERS,
  compileBundle,
  runCli,
};
