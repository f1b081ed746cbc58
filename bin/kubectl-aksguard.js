#!/usr/bin/env node
'use strict';
// kubectl plugin entry point: `kubectl aksguard ...` runs the same CLI. CommonJS (bin/package.json): see cliBundle.js.
require('./cliBundle.js').runCli({ programName: 'kubectl aksguard' });
