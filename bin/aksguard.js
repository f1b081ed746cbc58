#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json): see cliBundle.js.
require('./cliBundle.js').runCli();
