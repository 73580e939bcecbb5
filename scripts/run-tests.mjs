#!/usr/bin/env node
// `npm test`: builds (the CLI end-to-end test runs the built `laoshi`), runs every suite with
// vitest on SQLite and PostgreSQL, and prints one closing line "N passed, N failed, N skipped".
// LAOSHI_FAIL_ON_SKIP=1 (set by .ci/run) turns any skipped test into a failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const resultsFile = path.join(root, '.test-results', 'vitest.json');
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

if (run('npm', ['run', '--silent', 'build']) !== 0) {
  console.error('\nnpm test: the build failed, so no test ran.');
  process.exit(1);
}
fs.rmSync(resultsFile, { force: true });
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...process.argv.slice(2)]);
if (!fs.existsSync(resultsFile)) {
  console.error('\nnpm test: vitest wrote no results.');
  process.exit(status || 1);
}
const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
const skipped = r.numPendingTests + r.numTodoTests;
const failed = r.numFailedTests;
console.log(`\n${r.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
if (skipped > 0) {
  const msg = `${skipped} test(s) were SKIPPED (PostgreSQL missing?). See the warning above for how to get it.`;
  if (process.env.LAOSHI_FAIL_ON_SKIP === '1') {
    console.error(`npm test: FAILED because ${msg}`);
    process.exit(1);
  }
  console.warn(`\n!!! ${msg}`);
}
process.exit(status !== 0 || failed > 0 || r.numTotalTests === 0 ? 1 : 0);
