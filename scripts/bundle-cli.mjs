#!/usr/bin/env node
// The CLI bundled by esbuild (dist/cli/bundle/main.mjs and a few chunks), built by `npm run build` after tsc: Node
// resolves and reads ~300 modules at every start otherwise, which cost more than the work of a one-file scan.
// Packages stay external (loaded from node_modules), but for the two below; code splitting keeps each command's modules, and the packages
// they import, in chunks loaded when the command runs (one file would import every package at start).
// bin/aksguard.js runs the bundle when it exists, dist/cli/main.js otherwise.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// Packages every scan loads, small and plain JavaScript, are bundled in: Node resolving them in node_modules and
// wrapping their CommonJS for ESM cost more than their code (commander, ipaddr.js: ~30 ms of a one-file scan).
const BUNDLED = new Set(['commander', 'ipaddr.js']);
const { dependencies, devDependencies } = JSON.parse(readFileSync('package.json', 'utf8'));
const external = Object.keys({ ...dependencies, ...devDependencies })
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

// Chunk names change with their content: old ones are removed first.
rmSync('dist/cli/bundle', { recursive: true, force: true });

await build({
  // The YAML worker is an entry of its own: the pool starts it from the bundle's folder (load/yamlPool.ts).
  entryPoints: { main: 'src/cli/main.ts', yamlWorker: 'src/load/yamlWorker.ts' },
  outdir: 'dist/cli/bundle',
  outExtension: { '.js': '.mjs' },
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  // The bundled CommonJS packages require Node's modules (node:events ...): each chunk gets a \`require\`.
  banner: {
    js: "import{createRequire as __aksguardCreateRequire}from'node:module';const require=__aksguardCreateRequire(import.meta.url);",
  },
  sourcemap: true,
  legalComments: 'none',
  minifyWhitespace: true,
  logLevel: 'warning',
});
