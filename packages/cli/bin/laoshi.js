#!/usr/bin/env node
// The built CLI lives in dist/ (npm install runs the build through the root "prepare" script).
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
