import { createRandom, type DetectedRegion, type GroundTruthRegion } from '../../src/ml/index.js';

/**
 * A seeded set of detection scenes that exercises every path of COCO's evaluation: three
 * categories, boxes from tiny to large (all three area ranges), crowd regions, missed objects,
 * duplicates, false positives, a category with detections but no ground truth (4) and scores
 * rounded to two decimals so ties happen. Integer pixel boxes keep IoUs exact in both programs.
 */
export function cocoScenes(seed: number, images = 60): { truths: GroundTruthRegion[]; detections: DetectedRegion[] } {
  const random = createRandom(seed);
  const int = (lo: number, hi: number) => lo + random.int(hi - lo + 1);
  const truths: GroundTruthRegion[] = [];
  const detections: DetectedRegion[] = [];
  const score = () => Math.round(random.next() * 100) / 100;
  for (let imageId = 1; imageId <= images; imageId++) {
    for (const category of [1, 2, 3]) {
      const count = int(0, 3);
      for (let i = 0; i < count; i++) {
        const size = [int(4, 30), int(35, 90), int(100, 250)][int(0, 2)] as number;
        const box = { x: int(0, 400), y: int(0, 400), width: size, height: int(Math.ceil(size / 2), size) };
        const crowd = random.next() < 0.1;
        // The annotation area of a mask is smaller than its box's.
        truths.push({ imageId, category, shape: { kind: 'box', box }, area: Math.round(box.width * box.height * 0.8), crowd });
        if (random.next() < 0.8) {
          const jitter = () => int(-Math.ceil(size / 12), Math.ceil(size / 12));
          const found = { x: box.x + jitter(), y: box.y + jitter(), width: Math.max(1, box.width + jitter()), height: Math.max(1, box.height + jitter()) };
          detections.push({ imageId, category, shape: { kind: 'box', box: found }, score: score() });
          if (random.next() < 0.15) detections.push({ imageId, category, shape: { kind: 'box', box: { ...found, x: found.x + 1 } }, score: score() });
        }
      }
      const falsePositives = int(0, 2);
      for (let i = 0; i < falsePositives; i++) {
        detections.push({ imageId, category, shape: { kind: 'box', box: { x: int(0, 400), y: int(0, 400), width: int(5, 120), height: int(5, 120) } }, score: score() });
      }
    }
    if (random.next() < 0.2) detections.push({ imageId, category: 4, shape: { kind: 'box', box: { x: 1, y: 1, width: 50, height: 50 } }, score: 0.5 });
  }
  return { truths, detections };
}
