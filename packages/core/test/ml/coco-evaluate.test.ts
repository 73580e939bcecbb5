import { describe, expect, it } from 'vitest';
import type { Shape } from '../../src/geometry/index.js';
import { COCO_IOU_THRESHOLDS, MlError, cocoEvaluate, type CocoSummary, type DetectedRegion, type GroundTruthRegion } from '../../src/ml/index.js';
import { cocoScenes } from './coco-scenes.js';

const box = (x: number, y: number, width: number, height: number): Shape => ({ kind: 'box', box: { x, y, width, height } });
const truth = (imageId: number | string, b: Shape, extra: Partial<GroundTruthRegion> = {}): GroundTruthRegion => ({ imageId, category: 'a', shape: b, ...extra });
const detection = (imageId: number | string, b: Shape, score: number, extra: Partial<DetectedRegion> = {}): DetectedRegion => ({ imageId, category: 'a', shape: b, score, ...extra });

function expectSummary(actual: CocoSummary, expected: CocoSummary, digits = 12): void {
  for (const key of Object.keys(expected) as (keyof CocoSummary)[]) expect([key, actual[key]]).toEqual([key, expect.closeTo(expected[key], digits)]);
}

describe('cocoEvaluate', () => {
  it('uses the thresholds numpy gives pycocotools, 0.8999999999999999 included', () => {
    expect(COCO_IOU_THRESHOLDS).toEqual([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95]);
  });

  // Precision is tp / (tp + fp + ε) with numpy's ε = 2.2e-16, so a perfect score reads 1 − 2e-16, as in pycocotools.
  it('counts an IoU of exactly 0.5 as a match at 0.5 only, and -1 for empty area ranges', () => {
    // 10×10 truth, 10×5 detection inside it: intersection 50, union 100.
    const { summary } = cocoEvaluate([truth(1, box(0, 0, 10, 10))], [detection(1, box(0, 0, 10, 5), 0.9)]);
    expectSummary(summary, { AP: 0.1, AP50: 1, AP75: 0, APs: 0.1, APm: -1, APl: -1, AR1: 0.1, AR10: 0.1, AR100: 0.1, ARs: 0.1, ARm: -1, ARl: -1 });
  });

  it('lets the higher-scored duplicate take the truth and counts the other as a false positive', () => {
    // A (0.9) overlaps 0.64, B (0.8) overlaps fully: A wins at .50–.60, B at .65–.95 after A's miss.
    const { summary } = cocoEvaluate([truth(1, box(0, 0, 100, 100))], [detection(1, box(0, 0, 100, 64), 0.9), detection(1, box(0, 0, 100, 100), 0.8)]);
    expect(summary.AP).toBeCloseTo((3 * 1 + 7 * 0.5) / 10, 12);
    expect(summary.AP50).toBeCloseTo(1, 12);
    expect(summary.AP75).toBeCloseTo(0.5, 12);
    // In the large range A (6,400 px²) is too small: unmatched there it is ignored, not a false positive.
    expect(summary.APl).toBeCloseTo(1, 12);
    expect(summary.AR1).toBeCloseTo(0.3, 12); // only A within maxDets 1
    // All 12 as pycocotools prints them for this scene.
    expectSummary(summary, { AP: 0.65, AP50: 1, AP75: 0.5, APs: -1, APm: -1, APl: 1, AR1: 0.3, AR10: 1, AR100: 1, ARs: -1, ARm: -1, ARl: 1 });
  });

  it('ignores detections on a crowd region, however many, and does not count the crowd for recall', () => {
    const truths = [truth(1, box(0, 0, 10, 10)), truth(1, box(50, 50, 40, 40), { crowd: true })];
    const detections = [detection(1, box(55, 55, 10, 10), 0.95), detection(1, box(60, 60, 10, 10), 0.9), detection(1, box(0, 0, 10, 10), 0.5)];
    const { summary } = cocoEvaluate(truths, detections);
    expect(summary.AP).toBeCloseTo(1, 12);
    expect(summary.AR100).toBeCloseTo(1, 12);
    // Within maxDets 1 only the top detection, on the crowd, is seen: recall 0 (pycocotools agrees).
    expect(summary.AR1).toBe(0);
    // As an ordinary region it would leave the first two detections false positives (IoU 1/16).
    const plain = cocoEvaluate(truths.map((t) => ({ ...t, crowd: false })), detections).summary;
    expect(plain.AP).toBeLessThan(0.5);
  });

  it('interpolates precision at 101 recall points, as worked out by hand', () => {
    // Two truths; hits at 0.9 and 0.7 around a miss at 0.8: recall 0.5 at precision 1, then 1 at 2/3.
    const truths = [truth(1, box(0, 0, 50, 50)), truth(1, box(100, 100, 50, 50))];
    const detections = [detection(1, box(0, 0, 50, 50), 0.9), detection(1, box(300, 300, 50, 50), 0.8), detection(1, box(100, 100, 50, 50), 0.7)];
    const result = cocoEvaluate(truths, detections);
    expect(result.summary.AP).toBeCloseTo((51 * 1 + 50 * (2 / 3)) / 101, 12);
    expect(result.precisionAt50.a?.slice(49, 53)).toEqual([expect.closeTo(1, 12), expect.closeTo(1, 12), expect.closeTo(2 / 3, 12), expect.closeTo(2 / 3, 12)]);
  });

  it('breaks score ties across images in COCO image order: numbers numerically, text as text', () => {
    // A false positive and a hit share a score; whichever image comes first decides precision.
    const run = (missImage: number | string, hitImage: number | string) => cocoEvaluate(
      [truth(hitImage, box(0, 0, 50, 50))],
      [detection(missImage, box(0, 0, 50, 50), 0.5), detection(hitImage, box(0, 0, 50, 50), 0.5)],
    ).summary.AP;
    expect(run(2, 10)).toBeCloseTo(0.5, 12);
    expect(run('2', '10')).toBeCloseTo(1, 12);
  });

  it('leaves categories without ground truth out, or at -1 when asked for', () => {
    const truths = [truth(1, box(0, 0, 50, 50))];
    const detections = [detection(1, box(0, 0, 50, 50), 0.9), detection(1, box(0, 0, 50, 50), 0.9, { category: 'ghost' })];
    const plain = cocoEvaluate(truths, detections);
    expect(Object.keys(plain.perCategory)).toEqual(['a']);
    const asked = cocoEvaluate(truths, detections, { categories: ['a', 'ghost'] });
    expect(asked.perCategory.ghost?.AP).toBe(-1);
    expect(asked.summary).toEqual(plain.summary);
    expect(asked.precisionAt50.ghost?.every((p) => p === -1)).toBe(true);
  });

  it('evaluates polygons by their exact overlap', () => {
    const square = { kind: 'polygon' as const, points: [[0, 0], [40, 0], [40, 40], [0, 40]] as [number, number][] };
    const half = { kind: 'polygon' as const, points: [[0, 0], [40, 0], [40, 20], [0, 20]] as [number, number][] };
    expect(cocoEvaluate([truth(1, square)], [detection(1, square, 0.5)]).summary.AP).toBeCloseTo(1, 12);
    expect(cocoEvaluate([truth(1, square)], [detection(1, half, 0.5)]).summary.AP50).toBeCloseTo(1, 12);
    expect(cocoEvaluate([truth(1, square)], [detection(1, half, 0.5)]).summary.AP75).toBe(0);
  });

  it('matches pycocotools 2.0.11 on seeded scenes with crowds, duplicates, misses and ties', () => {
    // Recorded from COCOeval(…, 'bbox') on the same scenes (gt area = the given area, 60 images).
    const recorded: Record<number, [CocoSummary, CocoSummary]> = {
      1: [
        { AP: 0.21253393927287964, AP50: 0.4240473683646293, AP75: 0.15595978966943067, APs: 0.20170591474221738, APm: 0.16713586002182848, APl: 0.3985192708467478, AR1: 0.1703648485660681, AR10: 0.4617013981953006, AR100: 0.4617013981953006, ARs: 0.364900153609831, ARm: 0.4873703703703704, ARl: 0.5197768281101615 },
        { AP: 0.21776281255339608, AP50: 0.4304212157799545, AP75: 0.178296266804082, APs: 0.17524759245532828, APm: 0.18724048007626848, APl: 0.41522563147616653, AR1: 0.17252747252747253, AR10: 0.4604395604395604, AR100: 0.4604395604395604, ARs: 0.35, ARm: 0.48611111111111116, ARl: 0.5407407407407407 },
      ],
      2: [
        { AP: 0.1902139228331441, AP50: 0.42335879169257784, AP75: 0.1316120125654964, APs: 0.17693593358902387, APm: 0.16382098701786146, APl: 0.37035037774440344, AR1: 0.15945578990440057, AR10: 0.41745878678783577, AR100: 0.41745878678783577, ARs: 0.3218253968253968, ARm: 0.4471132897603486, ARl: 0.49823655913978493 },
        { AP: 0.19668557978642376, AP50: 0.45035011752339693, AP75: 0.1192123701693952, APs: 0.18905645261050025, APm: 0.1485173300871046, APl: 0.40524358835142316, AR1: 0.17011494252873566, AR10: 0.4402298850574712, AR100: 0.4402298850574712, ARs: 0.3, ARm: 0.5, ARl: 0.5387096774193548 },
      ],
    };
    for (const seed of [1, 2]) {
      const { truths, detections } = cocoScenes(seed);
      const result = cocoEvaluate(truths, detections);
      expectSummary(result.summary, recorded[seed]![0]);
      // pycocotools with params.catIds = [2].
      expectSummary(result.perCategory['2']!, recorded[seed]![1]);
    }
  });

  it('rejects a detection without a finite score', () => {
    expect(() => cocoEvaluate([], [detection(1, box(0, 0, 1, 1), Number.NaN)])).toThrow(MlError);
  });
});
