import { describe, expect, it } from 'vitest';
import {
  continueClassifierHead, createRandom, modelFromJson, modelToJson, predictFeatures, trainClassifierHead, type ClassifierHead, type VectorExample,
} from '../../src/ml/index.js';

/**
 * Three Gaussian blobs in 16 dimensions, far apart on large raw scales (as embeddings can be):
 * the head's standardisation must cope with the offset and scale.
 */
function blobs(perLabel: number, seed: number): (VectorExample & { features: number[] })[] {
  const random = createRandom(seed);
  const centres = { cat: 0, dog: 1, bird: 2 };
  return Object.entries(centres).flatMap(([label, c]) => Array.from({ length: perLabel }, () => ({
    label,
    features: Array.from({ length: 16 }, (_, d) => 1000 + 50 * (d % 3 === c ? 4 : 0) + 50 * (random.next() - 0.5)),
  })));
}

describe('trainClassifierHead', () => {
  it('separates well-separated embeddings and generalises to new ones', () => {
    const { model, curve } = trainClassifierHead(blobs(30, 1), { seed: 1 });
    expect(curve.at(-1)?.trainAccuracy).toBe(1);
    const test = blobs(20, 99);
    expect(test.filter((e) => predictFeatures(model, e.features).label === e.label).length).toBe(test.length);
  });

  it('centres a constant feature without blowing its rounding noise up', () => {
    // 0.1 summed 15 times is not exactly 1.5: the mean is off by rounding, the spread ~1e-17.
    const examples = blobs(5, 2).map((e) => ({ ...e, features: [...e.features, 0.1] }));
    const { model } = trainClassifierHead(examples);
    expect(model.inputSize).toBe(17);
    expect(model.mean[16]).toBeCloseTo(0.1, 15);
    expect(model.scale[16]).toBeCloseTo(1 / Math.sqrt(17), 12);
    const p = predictFeatures(model, examples[0]!.features).probabilities;
    expect(predictFeatures(model, [...examples[0]!.features.slice(0, 16), 0.1 + 1e-12]).probabilities[0]).toBeCloseTo(p[0]!, 9);
  });

  it('round-trips through JSON to identical probabilities', () => {
    const { model } = trainClassifierHead(blobs(10, 3), { seed: 5 });
    const restored = modelFromJson(JSON.parse(JSON.stringify(modelToJson(model)))) as ClassifierHead;
    expect(restored.kind).toBe('classifier-head');
    for (const e of blobs(3, 4)) expect(predictFeatures(restored, e.features).probabilities).toEqual(predictFeatures(model, e.features).probabilities);
  });

  it('continues training with a new label', () => {
    const two = blobs(20, 5).filter((e) => e.label !== 'bird');
    const first = trainClassifierHead(two, { epochs: 10 }).model;
    const { model } = continueClassifierHead(first, blobs(20, 6), { epochs: 20 });
    expect(model.linear.labels).toEqual(['cat', 'dog', 'bird']);
    const birds = blobs(10, 7).filter((e) => e.label === 'bird');
    expect(birds.every((e) => predictFeatures(model, e.features).label === 'bird')).toBe(true);
  });

  it('rejects vectors of the wrong length or with non-numbers, naming the field', () => {
    const examples = blobs(3, 8);
    expect(() => trainClassifierHead([...examples, { label: 'cat', features: [1, 2] }])).toThrow(/examples\[9\].features must have 16 numbers/);
    const bad = examples.map((e, i) => (i === 1 ? { ...e, features: e.features.map((x, d) => (d === 4 ? Number.NaN : x)) } : e));
    expect(() => trainClassifierHead(bad)).toThrow(/examples\[1\].features\[4\]/);
    const { model } = trainClassifierHead(examples);
    expect(() => predictFeatures(model, [1])).toThrow(/features must have 16 numbers/);
  });
});
