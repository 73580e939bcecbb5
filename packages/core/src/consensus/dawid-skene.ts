import { flatRatings, raterCount, sortedLabels, type AgreementLabel, type RatingsMatrix } from '../metrics/agreement/ratings.js';
import { ConsensusError } from './consensus-error.js';
import { labelRank } from './majority-vote.js';

export interface DawidSkeneOptions {
  /** Class order (ties go to the earlier class); defaults to `sortedLabels` of the labels seen. */
  labels?: readonly AgreementLabel[];
  /** Most EM iterations; default 100. */
  maxIterations?: number;
  /** Stop once no posterior moves by more than this in one iteration; default 1e-6. */
  tolerance?: number;
  /**
   * Pseudo-count added to every confusion cell and class count; default 0.01. Keeps a single
   * unseen (annotator, true class, given label) from ruling a class out for good; 0 gives plain
   * maximum likelihood.
   */
  smoothing?: number;
}

export interface DawidSkeneItem {
  /** The most probable class, or null for an item nobody rated. */
  label: AgreementLabel | null;
  /** P(true class = labels[k] | ratings); the class priors for an item nobody rated. */
  posterior: number[];
}

export interface DawidSkeneResult {
  /** The classes, in the order of every vector and matrix below. */
  labels: AgreementLabel[];
  items: DawidSkeneItem[];
  /** `confusion[annotator][true][given]`: P(annotator says `given` | the class is `true`); rows sum to 1. */
  confusion: number[][][];
  priors: number[];
  iterations: number;
  converged: boolean;
  /** log P(ratings) under the final estimates. */
  logLikelihood: number;
}

/**
 * The ratings as flat arrays: item i's votes are `annotator[offsets[i]..offsets[i+1])` with the
 * class index in `given` alike. Typed arrays, no object per vote: a million votes run an EM
 * iteration in tens of milliseconds.
 */
interface Votes {
  offsets: Int32Array;
  annotator: Int32Array;
  given: Int32Array;
  /** Items with at least one vote, in item order. */
  rated: Int32Array;
}

/** Posterior gaps below this count as ties, so rounding never outvotes the label order. */
const TIE_GAP = 1e-12;

/**
 * Dawid–Skene (1979): EM over per-annotator confusion matrices and class priors, for a ratings
 * matrix of items × annotators (missing cells allowed). Deterministic: starts from the vote
 * shares of each item (soft majority vote), runs a fixed number of iterations at most, and breaks
 * ties by class order. Throws ConsensusError on bad options or a label outside `options.labels`.
 * @example dawidSkene(ratings).items.map((item) => item.label)
 */
export function dawidSkene(ratings: RatingsMatrix, options: DawidSkeneOptions = {}): DawidSkeneResult {
  const { maxIterations = 100, tolerance = 1e-6, smoothing = 0.01 } = options;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new ConsensusError(`maxIterations must be a whole number ≥ 1, got ${maxIterations}`);
  if (!(tolerance >= 0)) throw new ConsensusError(`tolerance must be ≥ 0, got ${tolerance}`);
  if (!(smoothing >= 0) || !Number.isFinite(smoothing)) throw new ConsensusError(`smoothing must be a finite number ≥ 0, got ${smoothing}`);
  const flat = flatRatings(ratings);
  const labels = options.labels === undefined ? sortedLabels(flat.labels) : [...new Set(options.labels)];
  const rank = labelRank(labels, new Set(flat.labels));
  const k = labels.length;
  const annotators = raterCount(ratings);
  const votes = toVotes(flat, rank);
  const items = ratings.length;

  let posterior: Float64Array = voteShares(votes, items, k);
  let next: Float64Array = new Float64Array(items * k);
  let model = maximise(votes, posterior, k, annotators, smoothing);
  let iterations = 0;
  let converged = false;
  let logLikelihood = 0;
  while (iterations < maxIterations && !converged) {
    if (iterations > 0) model = maximise(votes, posterior, k, annotators, smoothing);
    logLikelihood = estimate(votes, model, k, next);
    iterations += 1;
    converged = within(votes.rated, posterior, next, k, tolerance);
    [posterior, next] = [next, posterior];
  }
  const out = new Array<DawidSkeneItem>(items);
  for (let item = 0; item < items; item++) {
    if (votes.offsets[item] === votes.offsets[item + 1]) {
      out[item] = { label: null, posterior: [...model.priors] };
      continue;
    }
    const p = Array.from(posterior.subarray(item * k, item * k + k));
    const best = Math.max(...p);
    out[item] = { label: labels[p.findIndex((q) => q >= best - TIE_GAP)]!, posterior: p };
  }
  return { labels, items: out, confusion: model.confusion, priors: model.priors, iterations, converged, logLikelihood };
}

function toVotes(flat: ReturnType<typeof flatRatings>, rank: ReadonlyMap<AgreementLabel, number>): Votes {
  const given = new Int32Array(flat.labels.length);
  for (let v = 0; v < given.length; v++) given[v] = rank.get(flat.labels[v]!)!;
  const rated: number[] = [];
  for (let item = 0; item + 1 < flat.offsets.length; item++) if (flat.offsets[item + 1]! > flat.offsets[item]!) rated.push(item);
  return { offsets: flat.offsets, annotator: flat.raters, given, rated: Int32Array.from(rated) };
}

function voteShares(votes: Votes, items: number, k: number): Float64Array {
  const shares = new Float64Array(items * k);
  for (let item = 0; item < items; item++) {
    const [from, to] = [votes.offsets[item]!, votes.offsets[item + 1]!];
    for (let v = from; v < to; v++) shares[item * k + votes.given[v]!]! += 1 / (to - from);
  }
  return shares;
}

interface Model {
  priors: number[];
  confusion: number[][][];
  /** log confusion[annotator][true][given] at [(annotator·k + true)·k + given]. */
  logConfusion: Float64Array;
}

/** M-step: smoothed class priors and confusion rows from the current posteriors. */
function maximise(votes: Votes, posterior: Float64Array, k: number, annotators: number, smoothing: number): Model {
  const classMass = new Array<number>(k).fill(smoothing);
  const counts = new Float64Array(annotators * k * k).fill(smoothing);
  for (const item of votes.rated) {
    const base = item * k;
    for (let c = 0; c < k; c++) classMass[c]! += posterior[base + c]!;
    for (let v = votes.offsets[item]!; v < votes.offsets[item + 1]!; v++) {
      const row = votes.annotator[v]! * k * k + votes.given[v]!;
      for (let c = 0; c < k; c++) counts[row + c * k]! += posterior[base + c]!;
    }
  }
  const confusion = Array.from({ length: annotators }, (_, a) => Array.from({ length: k }, (_, c) => normalise(Array.from(counts.subarray((a * k + c) * k, (a * k + c + 1) * k)))));
  const logConfusion = new Float64Array(annotators * k * k);
  confusion.forEach((rows, a) => rows.forEach((row, c) => row.forEach((p, g) => (logConfusion[(a * k + c) * k + g] = Math.log(p)))));
  return { priors: normalise(classMass), confusion, logConfusion };
}

/** Scales to sum 1; an all-zero row (no data, no smoothing) becomes uniform. */
function normalise(row: number[]): number[] {
  const sum = row.reduce((a, b) => a + b, 0);
  return sum > 0 ? row.map((x) => x / sum) : row.map(() => 1 / row.length);
}

/** E-step: P(class | item's ratings) in log space into `out`; returns the log-likelihood of all ratings. */
function estimate(votes: Votes, model: Model, k: number, out: Float64Array): number {
  const logPriors = model.priors.map(Math.log);
  const logs = new Float64Array(k);
  let logLikelihood = 0;
  const items = votes.offsets.length - 1;
  for (let item = 0; item < items; item++) {
    const base = item * k;
    const [from, to] = [votes.offsets[item]!, votes.offsets[item + 1]!];
    if (from === to) {
      for (let c = 0; c < k; c++) out[base + c] = model.priors[c]!;
      continue;
    }
    let top = -Infinity;
    for (let c = 0; c < k; c++) {
      let sum = logPriors[c]!;
      for (let v = from; v < to; v++) sum += model.logConfusion[(votes.annotator[v]! * k + c) * k + votes.given[v]!]!;
      logs[c] = sum;
      if (sum > top) top = sum;
    }
    // Every class impossible happens only without smoothing; no class is then favoured.
    if (top === -Infinity) {
      for (let c = 0; c < k; c++) out[base + c] = 1 / k;
      continue;
    }
    let total = 0;
    for (let c = 0; c < k; c++) total += logs[c] = Math.exp(logs[c]! - top);
    logLikelihood += top + Math.log(total);
    for (let c = 0; c < k; c++) out[base + c] = logs[c]! / total;
  }
  return logLikelihood;
}

/** True when no rated item's posterior moved by more than `tolerance`. */
function within(rated: Int32Array, before: Float64Array, after: Float64Array, k: number, tolerance: number): boolean {
  for (const item of rated) {
    for (let c = item * k; c < item * k + k; c++) if (Math.abs(after[c]! - before[c]!) > tolerance) return false;
  }
  return true;
}
