#!/usr/bin/env node
// The CLI bundled by esbuild, built by `npm run build` after tsc: Node resolves and reads ~300 modules at every start
// otherwise, which cost more than the work of a one-file scan.
// - dist/cli/bundle/main.cjs: the whole CLI in one classic script, which bin/cliBundle.js compiles with a V8 code
//   cache (Node 20 keeps none for ES modules). esbuild wraps each module lazily, so a command still initialises only
//   the modules it imports, and packages stay external (required or imported when used), but for the small ones below.
// - dist/cli/bundle/main.cjs.v8cache: that code cache, written by a one-file scan run on the fresh bundle
//   (scripts/write-code-cache.mjs); a Node with another V8 rejects it and compiles the bundle as it would without.
// - dist/cli/bundle/yamlWorker.mjs: the YAML pool's worker, started from the bundle's folder (load/yamlPool.ts).
// bin/aksguard.js runs the bundle when it exists, dist/cli/main.js otherwise.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { DYNAMIC_IMPORT, IMPORT_META, PARAMETERS } from '../bin/cliBundle.js';

// Packages every scan loads, plain JavaScript, are bundled in: Node resolving them in node_modules and wrapping their
// CommonJS cost more than their code (commander, ipaddr.js: ~30 ms of a one-file scan), and bundled they are in the
// code cache (js-yaml: ~10 ms less CPU for a one-file scan).
const BUNDLED = new Set(['commander', 'ipaddr.js', 'js-yaml']);
const { dependencies, devDependencies } = JSON.parse(readFileSync('package.json', 'utf8'));
const packages = Object.keys({ ...dependencies, ...devDependencies }).filter((name) => !BUNDLED.has(name));
const external = packages.flatMap((name) => [name, `${name}/*`]);
const OUT = 'dist/cli/bundle';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external,
  sourcemap: true,
  legalComments: 'none',
  minifyWhitespace: true,
  logLevel: 'warning',
};

/**
 * commander requires node:child_process when it loads, for executable subcommands (`program.command('x', 'desc')`
 * spawning `aksguard-x`), which aksguard defines none of: in the bundle the module is required on the first spawn
 * instead, so a start-up does not load child_process, net and dgram (~4 ms and ~200 KB of heap of a one-file scan).
 * The line is matched exactly: a commander that writes it otherwise fails the build, never bundles unchanged.
 */
const commanderSpawnsLazily = {
  name: 'commander-spawns-lazily',
  setup(build) {
    const eager = "const childProcess = require('node:child_process');";
    const lazy = "const childProcess = { get spawn() { return require('node:child_process').spawn; } };";
    build.onLoad({ filter: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (source.split(eager).length !== 2)
        throw new Error(`bundle-cli: ${args.path} no longer requires child_process as expected`);
      if (/childProcess\.(?!spawn\()/.test(source))
        throw new Error(`bundle-cli: ${args.path} uses more of child_process than spawn`);
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

rmSync(OUT, { recursive: true, force: true });

await build({
  ...common,
  entryPoints: { yamlWorker: 'src/load/yamlWorker.ts' },
  outdir: OUT,
  outExtension: { '.js': '.mjs' },
  format: 'esm',
  // A bundled CommonJS package requires Node's modules (node:events ...): the module gets a `require`.
  banner: {
    js: "import{createRequire as __aksguardCreateRequire}from'node:module';const require=__aksguardCreateRequire(import.meta.url);",
  },
});

const main = await build({
  ...common,
  entryPoints: { main: 'src/cli/main.ts' },
  plugins: [commanderSpawnsLazily],
  // Minified (names kept: `.name` of functions and classes reads as in the modules): a start-up reads, decodes and
  // checks 1.1 MB instead of 1.5 MB, and on this machine touching fresh memory is most of what that costs (~4 ms of
  // CPU for a one-file scan, medians of 25 alternated runs). The source map beside it maps back to src/.
  minify: true,
  keepNames: true,
  outdir: OUT,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { 'import.meta': IMPORT_META },
  // One function expression, compiled as written: no wrapping (a copy of the text) at every start.
  banner: { js: `(function (${PARAMETERS.join(', ')}) {` },
  footer: { js: '})' },
  write: false,
});

/**
 * A classic script cannot `import()` on Node 20 (vm's callback needs --experimental-vm-modules): each `import("pkg")`
 * esbuild left for an external package or Node module becomes a call of the loader's import, the same length so the
 * source map stays exact. Anything else spelled `import(` (a package not in package.json) fails the build.
 */
function routeDynamicImports(code) {
  // The one parameter of that name is the wrapper's (the banner's); any other use would be shadowed by it.
  if (code.split(DYNAMIC_IMPORT).length !== 2)
    throw new Error(`bundle-cli: the bundle already uses the name ${DYNAMIC_IMPORT}`);
  const known = (specifier) =>
    specifier.startsWith('node:') ||
    packages.some((name) => specifier === name || specifier.startsWith(`${name}/`));
  return code.replace(/(?<![\w$.])import\((?:"([^"\\]*)"\))?/g, (match, specifier, offset) => {
    if (specifier !== undefined && known(specifier)) return `${DYNAMIC_IMPORT}("${specifier}")`;
    // Code written into a string for another thread (the YAML worker's tsx start-up) is not run by this script.
    if (code.startsWith('import(${', offset)) return match;
    throw new Error(`bundle-cli: cannot route ${code.slice(offset, offset + 60)}`);
  });
}

for (const file of main.outputFiles) {
  if (!file.path.endsWith('.cjs')) {
    writeFileSync(file.path, file.contents);
    continue;
  }
  const routed = routeDynamicImports(file.text);
  if (routed.length !== file.text.length) throw new Error('bundle-cli: routing changed the bundle length');
  writeFileSync(file.path, routed);
}

// The code cache, from a one-file scan in a process of its own (V8 ties the cache to the flags it runs with).
const cached = spawnSync(process.execPath, ['scripts/write-code-cache.mjs'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (cached.status !== 0) throw new Error('bundle-cli: writing the code cache failed');
