#!/usr/bin/env node
// Writes the CLI bundle's V8 code cache (dist/cli/bundle/main.cjs.v8cache), run by scripts/bundle-cli.mjs in a
// process of its own: the bundle is compiled without a cache, runs a one-file scan (CACHE_TRAINING_SCAN, its output
// discarded by the caller), and the code compiled by then (parsing, loading, the rules, JSON output) is stored.
import { CACHE_TRAINING_SCAN, compileBundle } from '../bin/cliBundle.js';

const { main, writeCache } = compileBundle(undefined, undefined, { useCache: false });
const code = await main(CACHE_TRAINING_SCAN);
if (code !== 0) throw new Error(`write-code-cache: the scan ended with exit code ${code}`);
writeCache();
