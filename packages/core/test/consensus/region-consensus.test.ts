import { describe, expect, it } from 'vitest';
import { clusterRegions, ConsensusError, meanBox, regionConsensus, type ConsensusRegion } from '../../src/consensus/index.js';
import type { Box, Polygon } from '../../src/geometry/index.js';

const box = (annotator: string, label: string, x: number, y: number, width = 10, height = 10): ConsensusRegion => ({
  annotator, label, shape: { kind: 'box', box: { x, y, width, height } },
});

describe('clusterRegions', () => {
  it('groups overlapping regions of different annotators, one per annotator', () => {
    const regions = [
      box('ann', 'car', 0, 0), // 0
      box('bob', 'car', 1, 0), // 1: IoU with 0 = 90/110
      box('cat', 'car', 0, 1), // 2: IoU with 0 = 90/110, with 1 = 81/119
      box('ann', 'car', 50, 50), // 3: far away
      box('bob', 'car', 52, 50), // 4: IoU with 3 = 80/120 = ⅔
      box('bob', 'car', 0, 0.5), // 5: bob again near 0 — bob already has region 1 there
    ];
    // Pairs by falling IoU (ties by index): (0,5) 95/105 — bob's region 5 joins ann's 0;
    // (2,5) 95/105 — cat's 2 joins, as 2 also clears the threshold with 0 (90/110); (0,1), (1,2),
    // (1,5) are blocked (bob twice); (3,4) ⅔ joins. Bob's region 1 stays alone.
    expect(clusterRegions(regions)).toEqual([[0, 2, 5], [1], [3, 4]]);
  });

  it('needs every two members to clear the threshold (complete linkage)', () => {
    // a–b and b–c overlap by 0.6 of a side (IoU 6/14 ≈ 0.43 ≥ 0.4), a–c by 0.2 (IoU 2/18 ≈ 0.11).
    const regions = [box('a', 'x', 0, 0), box('b', 'x', 4, 0), box('c', 'x', 8, 0)];
    expect(clusterRegions(regions, { threshold: 0.4 })).toEqual([[0, 1], [2]]);
  });

  it('rejects a threshold outside (0, 1]', () => {
    expect(() => clusterRegions([], { threshold: 0 })).toThrow(ConsensusError);
  });
});

describe('regionConsensus', () => {
  it('votes a label and averages the boxes of each cluster', () => {
    const regions = [box('ann', 'car', 0, 0), box('bob', 'car', 2, 0), box('cat', 'truck', 0, 2, 12, 8)];
    const [cluster] = regionConsensus(regions, { threshold: 0.5 });
    expect(cluster!.members).toEqual([0, 1, 2]);
    expect(cluster!.annotators).toEqual(['ann', 'bob', 'cat']);
    expect(cluster!.vote).toEqual({ label: 'car', votes: 2, ratings: 3, tied: [] });
    // Means: x (0 + 2 + 0)/3, y (0 + 0 + 2)/3, width (10 + 10 + 12)/3, height (10 + 10 + 8)/3.
    expect(cluster!.merged).toEqual({ kind: 'box', box: expect.objectContaining({ rotation: 0 }) });
    const merged = (cluster!.merged as { box: Box }).box;
    expect(merged.x).toBeCloseTo(2 / 3, 12);
    expect(merged.y).toBeCloseTo(2 / 3, 12);
    expect(merged.width).toBeCloseTo(32 / 3, 12);
    expect(merged.height).toBeCloseTo(28 / 3, 12);
  });

  it('leaves a tied cluster without a label unless the policy picks one', () => {
    const regions = [box('ann', 'truck', 0, 0), box('bob', 'car', 0, 0)];
    expect(regionConsensus(regions)[0]!.vote.label).toBeNull();
    expect(regionConsensus(regions, { tie: 'lowest-label' })[0]!.vote.label).toBe('car');
  });

  it('keeps the medoid when a cluster holds polygons', () => {
    const square = (x: number): Polygon => [[x, 0], [x + 10, 0], [x + 10, 10], [x, 10]];
    const regions: ConsensusRegion[] = [
      { annotator: 'a', label: 'road', shape: { kind: 'polygon', points: square(0) } },
      { annotator: 'b', label: 'road', shape: { kind: 'polygon', points: square(1) } },
      { annotator: 'c', label: 'road', shape: { kind: 'box', box: { x: 2, y: 0, width: 10, height: 10 } } },
    ];
    // IoU a–b = b–c = 90/110, a–c = 80/120; b has the largest sum, so b's polygon is kept.
    expect(regionConsensus(regions)[0]!.merged).toEqual(regions[1]!.shape);
  });
});

describe('meanBox', () => {
  it('averages rotations as directions, modulo a half turn', () => {
    const centred = (rotation: number): Box => ({ x: 0, y: 0, width: 4, height: 2, rotation });
    expect(meanBox([centred(10), centred(20)]).rotation).toBeCloseTo(15, 9);
    // 350° and 10° average to 0°, not 180°.
    expect(meanBox([centred(350), centred(10)]).rotation).toBeCloseTo(0, 9);
  });
});
