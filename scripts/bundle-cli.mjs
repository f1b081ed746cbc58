#!/usr/bin/env node
// The CLI bundled by esbuild (dist/cli/bundle/main.mjs and a few chunks), built by `npm run build` after tsc: Node
// resolves and reads ~300 modules at every start otherwise, which cost more than the work of a one-file scan.
// Packages stay external (loaded from node_modules); code splitting keeps each command's modules, and the packages
// they import, in chunks loaded when the command runs (one file would import every package at start).
// bin/aksguard.js runs the bundle when it exists, dist/cli/main.js otherwise.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

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
  packages: 'external',
  sourcemap: true,
  legalComments: 'none',
  minifyWhitespace: true,
  logLevel: 'warning',
});
