#!/usr/bin/env node
// kubectl plugin entry point: `kubectl aksguard ...` runs the same CLI.
import { existsSync } from 'node:fs';

// The single-file bundle `npm run build` makes (fast start-up), else the compiled modules.
const bundle = new URL('../dist/cli/bundle/main.mjs', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2), { programName: 'kubectl aksguard' });
