#!/usr/bin/env node
// kubectl plugin entry point: `kubectl aksguard ...` runs the same CLI.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2), { programName: 'kubectl aksguard' });
