// bench/eval: COCO evaluation of 5,000 images × 20 detections (target < 10 s), beside a baseline in the same
// run that only sorts the same detections by score. node --import tsx bench/eval.ts [--images N]
import fs from 'node:fs';
import path from 'node:path';
import { cocoEvaluate, type DetectedRegion, type GroundTruthRegion } from '@laoshi/core';
import { numberFlag } from './lib/bench-args.js';

const images = numberFlag('images', 5000);
const perImage = 20;
const categories = 10;

// A seeded generator (mulberry32), so every run evaluates the same scene.
let seed = 12345;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const truths: GroundTruthRegion[] = [];
const detections: DetectedRegion[] = [];
for (let img = 1; img <= images; img++) {
  for (let k = 0; k < perImage; k++) {
    const [x, y, w, h] = [random() * 600, random() * 400, 8 + random() * 150, 8 + random() * 150];
    const category = 1 + Math.floor(random() * categories);
    truths.push({ imageId: img, category, shape: { kind: 'box', box: { x, y, width: w, height: h, rotation: 0 } }, area: w * h });
    // Most detections land near their truth; some are wrong boxes or wrong categories.
    const jitter = () => (random() - 0.5) * 0.3 * Math.min(w, h);
    const wrong = random() < 0.2;
    detections.push({
      imageId: img,
      category: wrong && random() < 0.5 ? 1 + Math.floor(random() * categories) : category,
      shape: { kind: 'box', box: wrong ? { x: random() * 600, y: random() * 400, width: w, height: h, rotation: 0 } : { x: x + jitter(), y: y + jitter(), width: w + jitter(), height: h + jitter(), rotation: 0 } },
      score: random(),
    });
  }
}

const t0 = performance.now();
const sorted = [...detections].sort((a, b) => b.score - a.score);
const baselineMs = performance.now() - t0;
const t1 = performance.now();
const result = cocoEvaluate(truths, detections);
const evalMs = performance.now() - t1;

console.log(`COCO evaluation of ${images.toLocaleString('en')} images × ${perImage} detections (${detections.length.toLocaleString('en')} detections, ${categories} categories)`);
console.log(`baseline (sorting the detections by score): ${baselineMs.toFixed(1)} ms (${sorted.length} sorted)`);
console.log(`cocoEvaluate: ${evalMs.toFixed(0)} ms — ratio to baseline ${(evalMs / baselineMs).toFixed(0)}×; AP ${result.summary.AP.toFixed(4)}, AP50 ${result.summary.AP50.toFixed(4)}`);
console.log(`target: < 10,000 ms → ${evalMs < 10_000 ? 'met' : 'NOT MET'}`);
const out = path.resolve(import.meta.dirname, 'results');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'eval.json'), JSON.stringify({ images, perImage, detections: detections.length, baselineMs, evalMs, targetMs: 10_000, met: evalMs < 10_000, summary: result.summary }, null, 2));
