import { describe, expect, it } from 'vitest';
import { ConsensusError, dawidSkene, majorityVote } from '../../src/consensus/index.js';

const flip = (label: string) => (label === 'pos' ? 'neg' : 'pos');

/**
 * 20 items, truth alternating pos/neg. Annotators 0–2 are right 80% of the time, each wrong on
 * four items (two of which overlap with a neighbour's); annotator 3 is always wrong.
 * Majority vote: items 3 and 6 have three wrong votes to one (wrong), items 0–2, 4, 5, 7–9 are
 * 2–2 ties, the rest 3–1 right.
 */
function syntheticRatings(): { truth: string[]; ratings: string[][] } {
  const truth = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'pos' : 'neg'));
  const wrongOn = [[0, 1, 2, 3], [3, 4, 5, 6], [6, 7, 8, 9]];
  const ratings = truth.map((t, i) => [...wrongOn.map((items) => (items.includes(i) ? flip(t) : t)), flip(t)]);
  return { truth, ratings };
}

describe('dawidSkene', () => {
  it('learns to invert an always-wrong annotator and beats majority vote', () => {
    const { truth, ratings } = syntheticRatings();
    const correct = (labels: (string | number | null)[]) => labels.filter((label, i) => label === truth[i]).length;
    // Labels sort as neg < pos. Ties go to neg: right on the odd tied items only, so 10 + 4 = 14.
    expect(correct(majorityVote(ratings, { tie: 'lowest-label' }).map((v) => v.label))).toBe(14);
    expect(correct(majorityVote(ratings).map((v) => v.label))).toBe(10);

    const result = dawidSkene(ratings);
    expect(result.labels).toEqual(['neg', 'pos']);
    expect(correct(result.items.map((item) => item.label))).toBe(20);
    expect(result.converged).toBe(true);
    // Annotator 3 says the other label: P(says pos | neg) and P(says neg | pos) near 1.
    expect(result.confusion[3]![0]![1]).toBeGreaterThan(0.99);
    expect(result.confusion[3]![1]![0]).toBeGreaterThan(0.99);
    // Annotators 0–2: 8 of 10 right per class, so about 0.8 on the diagonal.
    for (const a of [0, 1, 2]) expect(result.confusion[a]![1]![1]).toBeCloseTo(0.8, 2);
    expect(result.priors[0]).toBeCloseTo(0.5, 6);
  });

  it('is deterministic: the same input gives the same output', () => {
    const { ratings } = syntheticRatings();
    expect(dawidSkene(ratings)).toEqual(dawidSkene(ratings));
  });

  it('matches one EM step worked by hand, breaking a posterior tie by label order', () => {
    // Start (vote shares): item 0 → (1, 0), item 1 → (½, ½), item 2 → (0, 1); priors (½, ½).
    // Annotator 0 says a, a, b: true a → says a 1 + ½, b 0 → (1, 0); true b → a ½, b 1 → (⅓, ⅔).
    // Annotator 1 says a, b, b: true a → a 1, b ½ → (⅔, ⅓); true b → a 0, b ½ + 1 → (0, 1).
    // Item 1 (a, b): P(a) ∝ ½·1·⅓ = ⅙, P(b) ∝ ½·⅓·1 = ⅙ — a tie, so label a (first in order).
    // Each item's evidence sums to ⅓, so log-likelihood = 3·ln ⅓.
    const result = dawidSkene([['a', 'a'], ['a', 'b'], ['b', 'b']], { smoothing: 0, maxIterations: 1 });
    expect(result.confusion[0]![0]).toEqual([1, 0]);
    expect(result.confusion[0]![1]![0]).toBeCloseTo(1 / 3, 12);
    expect(result.confusion[1]![0]![0]).toBeCloseTo(2 / 3, 12);
    expect(result.confusion[1]![1]).toEqual([0, 1]);
    expect(result.items.map((item) => item.label)).toEqual(['a', 'a', 'b']);
    expect(result.items[1]!.posterior[0]).toBeCloseTo(0.5, 12);
    expect(result.logLikelihood).toBeCloseTo(3 * Math.log(1 / 3), 12);
    expect(result.iterations).toBe(1);
  });

  it('gives unrated items the priors and no label, and honours a given class order', () => {
    const result = dawidSkene([['x', 'x'], [null, null], ['y', 'x']], { labels: ['y', 'x', 'z'] });
    expect(result.labels).toEqual(['y', 'x', 'z']);
    expect(result.items[1]).toEqual({ label: null, posterior: result.priors });
    expect(result.items[0]!.label).toBe('x');
    expect(result.confusion[0]!.every((row) => Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-12)).toBe(true);
  });

  it('stops at the iteration cap', () => {
    const { ratings } = syntheticRatings();
    expect(dawidSkene(ratings, { maxIterations: 2, tolerance: 0 })).toMatchObject({ iterations: 2, converged: false });
  });

  it('rejects bad options', () => {
    expect(() => dawidSkene([['a']], { maxIterations: 0 })).toThrow(ConsensusError);
    expect(() => dawidSkene([['a']], { smoothing: -1 })).toThrow(/smoothing/);
    expect(() => dawidSkene([['a', 'b']], { labels: ['a'] })).toThrow(/"b"/);
  });
});
