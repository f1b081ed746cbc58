#!/usr/bin/env node
import { runCli } from './cliBundle.js';

await runCli();
