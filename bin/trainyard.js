#!/usr/bin/env node
// Entry point of the `trainyard` command; the CLI itself lives in src/cli/main.ts.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
