#!/usr/bin/env node
// kubectl plugin entry point: `kubectl aksguard ...` runs the same CLI.
import { runCli } from './cliBundle.js';

await runCli({ programName: 'kubectl aksguard' });
