import { MlError } from './ml-error.js';
import { checkSeed } from './random.js';

/** How to pick the next tasks to label. */
export type SamplingStrategy = 'least-confidence' | 'margin' | 'entropy' | 'random';
export const SAMPLING_STRATEGIES: readonly SamplingStrategy[] = ['least-confidence', 'margin', 'entropy', 'random'];

function checkProbabilities(probabilities: readonly number[], field: string): void {
  if (probabilities.length === 0) throw new MlError(`${field} must hold at least one probability`);
  for (const p of probabilities) if (!Number.isFinite(p) || p < 0) throw new MlError(`${field} must hold finite numbers ≥ 0, got ${p}`);
}

/** 1 − the top probability: 0 when the model is sure, up to 1 − 1/K when all labels tie. */
export function leastConfidence(probabilities: readonly number[]): number {
  checkProbabilities(probabilities, 'probabilities');
  return 1 - Math.max(...probabilities);
}

/** 1 − (top − second) probability: high when the two best labels are close. One label gives 0. */
export function marginUncertainty(probabilities: readonly number[]): number {
  checkProbabilities(probabilities, 'probabilities');
  const [first = 0, second = 0] = [...probabilities].sort((a, b) => b - a);
  return 1 - (first - second);
}

/** Shannon entropy −Σ p·ln p in nats: 0 when sure, ln K when every label is equally likely. */
export function entropy(probabilities: readonly number[]): number {
  checkProbabilities(probabilities, 'probabilities');
  let sum = 0;
  for (const p of probabilities) if (p > 0) sum -= p * Math.log(p);
  // −0 from a sure prediction reads as 0.
  return sum + 0;
}

/** A task's place in the random order: a hash of its id and the seed, in [0, 1). */
function randomScore(id: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

/** A candidate task: its id and the model's probabilities (unused by 'random'). */
export interface SamplingCandidate {
  id: string;
  probabilities: readonly number[];
}

export interface RankOptions {
  /** Seed of the random order. Default 0. */
  seed?: number;
  /** Keep only this many, the most uncertain first. Default all. */
  limit?: number;
}

export interface RankedCandidate {
  id: string;
  /** Higher is more uncertain (for 'random', the task's random draw). */
  score: number;
}

/** The uncertainty score of one prediction under a strategy ('random' needs the id and seed). */
export function uncertaintyScore(strategy: SamplingStrategy, candidate: SamplingCandidate, seed = 0): number {
  switch (strategy) {
    case 'least-confidence':
      return leastConfidence(candidate.probabilities);
    case 'margin':
      return marginUncertainty(candidate.probabilities);
    case 'entropy':
      return entropy(candidate.probabilities);
    case 'random':
      return randomScore(candidate.id, checkSeed(seed));
    default:
      throw new MlError(`strategy must be one of ${SAMPLING_STRATEGIES.join(', ')}, got "${String(strategy)}"`);
  }
}

/**
 * Orders tasks for labelling, most uncertain first; ties keep the input order. The random order
 * depends only on the ids and the seed, so it stays put as tasks are added or removed.
 * @example rankByUncertainty([{ id: 'a', probabilities: [0.9, 0.1] }, { id: 'b', probabilities: [0.5, 0.5] }], 'entropy') // b, then a
 */
export function rankByUncertainty(candidates: readonly SamplingCandidate[], strategy: SamplingStrategy, options: RankOptions = {}): RankedCandidate[] {
  const seed = options.seed ?? 0;
  const limit = options.limit ?? candidates.length;
  if (!Number.isInteger(limit) || limit < 0) throw new MlError(`limit must be an integer ≥ 0, got ${limit}`);
  const scored = candidates.map((candidate, i) => ({ id: candidate.id, score: uncertaintyScore(strategy, candidate, seed), i }));
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored.slice(0, limit).map(({ id, score }) => ({ id, score }));
}
