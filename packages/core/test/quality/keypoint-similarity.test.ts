import { describe, expect, it } from 'vitest';
import type { ResultItem } from '../../src/results/index.js';
import { QualityError, keypointScore } from '../../src/quality/index.js';

const kp = (label: string, x: number, y: number, id = `${label}${x}-${y}`): ResultItem =>
  ({ id, from_name: 'kp', to_name: 'image', type: 'keypointlabels', value: { x, y, width: 1, keypointlabels: [label] } }) as ResultItem;

describe('keypointScore', () => {
  it('is 1 for identical points and falls as exp(−d²/2σ²) with distance', () => {
    expect(keypointScore([kp('eye', 10, 10)], [kp('eye', 10, 10)]).score).toBe(1);
    // d = 2 at σ = 2: exp(−4/8) = e^−½.
    const r = keypointScore([kp('eye', 10, 10)], [kp('eye', 12, 10)], { sigma: 2 });
    expect(r.score).toBeCloseTo(Math.exp(-0.5), 12);
    expect(r.meanDistance).toBeCloseTo(2, 12);
  });

  it('pairs points one-to-one within a label, so swapped order does not matter', () => {
    const gold = [kp('eye', 10, 10), kp('eye', 50, 50)];
    const given = [kp('eye', 50, 50), kp('eye', 12, 10)];
    expect(keypointScore(gold, given).score).toBeCloseTo((1 + Math.exp(-0.5)) / 2, 12);
  });

  it('divides by the larger count, so a missed or an extra point costs a whole point', () => {
    const gold = [kp('eye', 10, 10), kp('nose', 30, 30)];
    expect(keypointScore(gold, [kp('eye', 10, 10)]).score).toBeCloseTo(0.5, 12);
    expect(keypointScore([kp('eye', 10, 10)], [kp('eye', 10, 10), kp('eye', 80, 80)]).score).toBeCloseTo(0.5, 12);
  });

  it('never pairs points of different labels', () => {
    const r = keypointScore([kp('eye', 10, 10)], [kp('nose', 10, 10)]);
    expect(r).toMatchObject({ score: 0, matched: 0, countGold: 1, countSubmission: 1 });
  });

  it('is NaN with no point on either side and rejects a bad sigma', () => {
    expect(keypointScore([], []).score).toBeNaN();
    expect(() => keypointScore([], [], { sigma: 0 })).toThrow(QualityError);
  });
});
