import { raterCount, sortedLabels, unitsOf, type AgreementLabel, type RatingsMatrix } from '../metrics/agreement/ratings.js';
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

/** One rated item: each rating as [annotator, class index]. */
type Votes = [number, number][];

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
  const units = unitsOf(ratings);
  const used = units.flatMap((unit) => unit.values.map((v) => v.label));
  const labels = options.labels === undefined ? sortedLabels(used) : [...new Set(options.labels)];
  const rank = labelRank(labels, used);
  const k = labels.length;
  const annotators = raterCount(ratings);
  const votes: Votes[] = units.map((unit) => unit.values.map(({ rater, label }) => [rater, rank.get(label)!]));
  const rated = votes.flatMap((v, item) => (v.length > 0 ? [item] : []));

  let posterior = votes.map((v) => voteShares(v, k));
  let model = maximise(votes, rated, posterior, k, annotators, smoothing);
  let iterations = 0;
  let converged = false;
  let logLikelihood = 0;
  while (iterations < maxIterations && !converged) {
    if (iterations > 0) model = maximise(votes, rated, posterior, k, annotators, smoothing);
    const next = estimate(votes, model, k);
    iterations += 1;
    converged = rated.every((item) => next.posterior[item]!.every((p, c) => Math.abs(p - posterior[item]![c]!) <= tolerance));
    posterior = next.posterior;
    logLikelihood = next.logLikelihood;
  }
  const items = votes.map((v, item): DawidSkeneItem => {
    if (v.length === 0) return { label: null, posterior: [...model.priors] };
    const p = posterior[item]!;
    const best = Math.max(...p);
    return { label: labels[p.findIndex((q) => q >= best - TIE_GAP)]!, posterior: p };
  });
  return { labels, items, confusion: model.confusion, priors: model.priors, iterations, converged, logLikelihood };
}

function voteShares(votes: Votes, k: number): number[] {
  const shares = new Array<number>(k).fill(0);
  for (const [, c] of votes) shares[c]! += 1 / votes.length;
  return shares;
}

interface Model {
  priors: number[];
  confusion: number[][][];
}

/** M-step: smoothed class priors and confusion rows from the current posteriors. */
function maximise(votes: Votes[], rated: number[], posterior: number[][], k: number, annotators: number, smoothing: number): Model {
  const classMass = new Array<number>(k).fill(smoothing);
  const counts = Array.from({ length: annotators }, () => Array.from({ length: k }, () => new Array<number>(k).fill(smoothing)));
  for (const item of rated) {
    const p = posterior[item]!;
    p.forEach((mass, c) => (classMass[c]! += mass));
    for (const [annotator, given] of votes[item]!) p.forEach((mass, c) => (counts[annotator]![c]![given]! += mass));
  }
  return { priors: normalise(classMass), confusion: counts.map((rows) => rows.map(normalise)) };
}

/** Scales to sum 1; an all-zero row (no data, no smoothing) becomes uniform. */
function normalise(row: number[]): number[] {
  const sum = row.reduce((a, b) => a + b, 0);
  return sum > 0 ? row.map((x) => x / sum) : row.map(() => 1 / row.length);
}

/** E-step: P(class | item's ratings) in log space, and the log-likelihood of all ratings. */
function estimate(votes: Votes[], model: Model, k: number): { posterior: number[][]; logLikelihood: number } {
  let logLikelihood = 0;
  const posterior = votes.map((v) => {
    if (v.length === 0) return [...model.priors];
    const logs = model.priors.map((prior, c) => v.reduce((sum, [annotator, given]) => sum + Math.log(model.confusion[annotator]![c]![given]!), Math.log(prior)));
    const top = Math.max(...logs);
    // Every class impossible happens only without smoothing; no class is then favoured.
    if (top === -Infinity) return new Array<number>(k).fill(1 / k);
    const weights = logs.map((l) => Math.exp(l - top));
    const sum = weights.reduce((a, b) => a + b, 0);
    logLikelihood += top + Math.log(sum);
    return weights.map((w) => w / sum);
  });
  return { posterior, logLikelihood };
}
