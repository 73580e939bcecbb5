// bench/metrics: Krippendorff's alpha and Dawid–Skene from @laoshi/core on 1,000,000 labels
// (200,000 items × 5 raters, 5 classes; --missing N leaves N% of the cells out), beside a baseline in the
// same run: a plain loop over the same matrix that only counts the non-missing values (what any
// computation over the labels must at least do). Ratings come from a seeded generator: each item
// has a true class, each rater is right with its own accuracy and otherwise picks another class.
// Targets (issue 5): alpha < 2 s, Dawid–Skene < 10 s. Times are the best of --runs (default 3).
//   node --import tsx bench/metrics.ts [--items 200000] [--raters 5] [--runs 3] [--missing 0]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom, dawidSkene, krippendorffAlpha, type AgreementCell } from '../packages/core/src/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
function flag(name: string, fallback: number, zeroAllowed = false): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < (zeroAllowed ? 0 : 1)) throw new Error(`--${name} needs a whole number ≥ ${zeroAllowed ? 0 : 1}, got "${process.argv[i + 1]}"`);
  return value;
}
const ITEMS = flag('items', 200_000);
const RATERS = flag('raters', 5);
const RUNS = flag('runs', 3);
const CLASSES = ['a', 'b', 'c', 'd', 'e'];
const ACCURACY = [0.9, 0.8, 0.75, 0.65, 0.55];
// No missing cells by default, so the run is exactly items × raters labels; --missing 3 leaves 3% out.
const MISSING = flag('missing', 0, true) / 100;
const TARGET_ALPHA_MS = 2000;
const TARGET_DAWID_SKENE_MS = 10_000;

function makeRatings(): { ratings: AgreementCell[][]; truth: string[] } {
  const random = createRandom(20260105);
  const truth: string[] = [];
  const ratings: AgreementCell[][] = [];
  for (let i = 0; i < ITEMS; i++) {
    const t = random.int(CLASSES.length);
    truth.push(CLASSES[t]!);
    const row: AgreementCell[] = [];
    for (let r = 0; r < RATERS; r++) {
      if (random.next() < MISSING) {
        row.push(null);
        continue;
      }
      const right = random.next() < ACCURACY[r % ACCURACY.length]!;
      const wrong = (t + 1 + random.int(CLASSES.length - 1)) % CLASSES.length;
      row.push(CLASSES[right ? t : wrong]!);
    }
    ratings.push(row);
  }
  return { ratings, truth };
}

/** The best wall time of `RUNS` runs, with the last run's value. */
function time<T>(run: () => T): { ms: number; value: T } {
  let best = Infinity;
  let value: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    value = run();
    best = Math.min(best, performance.now() - start);
  }
  return { ms: best, value: value as T };
}

const { ratings, truth } = makeRatings();
let labels = 0;
for (const row of ratings) for (const cell of row) if (cell !== null) labels++;

const baseline = time(() => {
  let n = 0;
  for (const row of ratings) for (const cell of row) if (cell !== null && cell !== undefined) n++;
  return n;
});
const alpha = time(() => krippendorffAlpha(ratings));
const ds = time(() => dawidSkene(ratings));
const correct = ds.value.items.reduce((n, item, i) => n + (item.label === truth[i] ? 1 : 0), 0);

const result = {
  items: ITEMS,
  raters: RATERS,
  labels,
  classes: CLASSES.length,
  missingPercent: MISSING * 100,
  runs: RUNS,
  node: process.version,
  cpus: os.cpus().length,
  baseline: { ms: round(baseline.ms), counted: baseline.value },
  krippendorffAlpha: { ms: round(alpha.ms), value: alpha.value.value, targetMs: TARGET_ALPHA_MS, ratioToBaseline: round(alpha.ms / baseline.ms), met: alpha.ms < TARGET_ALPHA_MS },
  dawidSkene: {
    ms: round(ds.ms),
    iterations: ds.value.iterations,
    converged: ds.value.converged,
    accuracyAgainstTruth: correct / ITEMS,
    targetMs: TARGET_DAWID_SKENE_MS,
    ratioToBaseline: round(ds.ms / baseline.ms),
    met: ds.ms < TARGET_DAWID_SKENE_MS,
  },
};

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

console.log(`${labels.toLocaleString('en')} labels (${ITEMS.toLocaleString('en')} items × ${RATERS} raters), best of ${RUNS}`);
console.log(`baseline (count the values)   ${baseline.ms.toFixed(1)} ms`);
console.log(`Krippendorff's alpha          ${alpha.ms.toFixed(1)} ms  α = ${alpha.value.value.toFixed(6)}  ×${result.krippendorffAlpha.ratioToBaseline} baseline  target < ${TARGET_ALPHA_MS} ms: ${result.krippendorffAlpha.met ? 'met' : 'MISSED'}`);
console.log(`Dawid–Skene                   ${ds.ms.toFixed(1)} ms  ${ds.value.iterations} iterations${ds.value.converged ? '' : ' (not converged)'}  ${(100 * result.dawidSkene.accuracyAgainstTruth).toFixed(2)}% right  ×${result.dawidSkene.ratioToBaseline} baseline  target < ${TARGET_DAWID_SKENE_MS} ms: ${result.dawidSkene.met ? 'met' : 'MISSED'}`);
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'metrics.json'), `${JSON.stringify(result, null, 2)}\n`);
if (!result.krippendorffAlpha.met || !result.dawidSkene.met) process.exitCode = 1;
