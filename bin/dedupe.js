#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// A reader that goes away (`dedupe --help | head -3`) can make a write fail after main has returned
// (help text is written without waiting). Such a late EPIPE must not crash the process with a stack
// trace; main already handles the ones that happen while it runs.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

process.exitCode = await main(process.argv);
