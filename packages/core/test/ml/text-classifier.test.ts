import { describe, expect, it } from 'vitest';
import {
  MlError, continueTextClassifier, modelFromJson, modelToJson, predictText, textClassifierTraining, textVector, trainTextClassifier,
  type TextClassifier, type TextExample,
} from '../../src/ml/index.js';

const topics = {
  sport: ['football', 'match', 'goal', 'team', 'league', 'coach', 'score', 'player'],
  cooking: ['recipe', 'oven', 'flour', 'sugar', 'bake', 'butter', 'salt', 'pan'],
  finance: ['stock', 'bank', 'market', 'loan', 'interest', 'price', 'fund', 'trade'],
};

/** Three separable topics: each text draws five words from its topic's vocabulary. */
function toyExamples(perLabel: number): TextExample[] {
  const out: TextExample[] = [];
  for (const [label, words] of Object.entries(topics)) {
    for (let i = 0; i < perLabel; i++) out.push({ label, text: Array.from({ length: 5 }, (_, j) => words[(i * 3 + j * 5) % words.length]).join(' ') });
  }
  return out;
}

describe('trainTextClassifier', () => {
  it('separates a separable toy problem perfectly, on held-out texts too', () => {
    const { model, curve } = trainTextClassifier(toyExamples(20), { seed: 1 });
    expect(model.linear.labels).toEqual(['cooking', 'finance', 'sport']);
    expect(curve.at(-1)?.trainAccuracy).toBe(1);
    expect(curve.at(-1)?.validationAccuracy).toBe(1);
    expect(predictText(model, 'the coach saw a goal by the player').label).toBe('sport');
    expect(predictText(model, 'bake with butter and sugar').label).toBe('cooking');
    expect(predictText(model, 'the bank raised the loan interest').label).toBe('finance');
  });

  it('records a learning curve whose training loss falls', () => {
    const { curve } = trainTextClassifier(toyExamples(20), { epochs: 8, learningRate: 0.2 });
    expect(curve.map((p) => p.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (let i = 1; i < curve.length; i++) expect(curve[i]!.trainLoss!).toBeLessThan(curve[i - 1]!.trainLoss!);
    expect(curve[0]!.validationLoss).not.toBeNull();
  });

  it('holds out the validation split per label and records it', () => {
    const { model } = trainTextClassifier(toyExamples(20), { validationSplit: 0.25 });
    expect(model.history[0]).toMatchObject({ trainExamples: 45, validationExamples: 15, firstEpoch: 1, lastEpoch: 20 });
    const none = trainTextClassifier(toyExamples(20), { validationSplit: 0 });
    expect(none.model.history[0]?.validationExamples).toBe(0);
    expect(none.curve[0]?.validationAccuracy).toBeNull();
  });

  it('gives probabilities that sum to 1 in the model label order', () => {
    const { model } = trainTextClassifier(toyExamples(10));
    const p = predictText(model, 'market price of flour');
    expect(p.probabilities.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(p.score).toBe(Math.max(...p.probabilities));
    expect(p.label).toBe(model.linear.labels[p.probabilities.indexOf(p.score)]);
  });

  it('is deterministic for a seed and differs for another seed', () => {
    const probe = (model: TextClassifier) => predictText(model, 'goal price oven').probabilities;
    const a = trainTextClassifier(toyExamples(10), { seed: 3 }).model;
    expect(probe(trainTextClassifier(toyExamples(10), { seed: 3 }).model)).toEqual(probe(a));
    expect(probe(trainTextClassifier(toyExamples(10), { seed: 4 }).model)).not.toEqual(probe(a));
  });

  it('learns Chinese text through character n-grams', () => {
    const examples: TextExample[] = [
      ['这部电影太好看了，强烈推荐', 'positive'], ['演员的表演非常精彩', 'positive'], ['故事感人，值得一看', 'positive'], ['我很喜欢这部片子', 'positive'],
      ['剧情无聊，浪费时间', 'negative'], ['太难看了，不推荐', 'negative'], ['演技很差，看不下去', 'negative'], ['我不喜欢这个结局，很失望', 'negative'],
    ].map(([text, label]) => ({ text: text!, label: label! }));
    const { model } = trainTextClassifier(examples, { validationSplit: 0, epochs: 50 });
    expect(examples.every((e) => predictText(model, e.text).label === e.label)).toBe(true);
    expect(predictText(model, '非常好看，推荐').label).toBe('positive');
    expect(predictText(model, '无聊又难看').label).toBe('negative');
  });

  it('takes a label order, including labels without examples yet', () => {
    const { model } = trainTextClassifier(toyExamples(5), { labels: ['sport', 'finance', 'cooking', 'travel'] });
    expect(model.linear.labels).toEqual(['sport', 'finance', 'cooking', 'travel']);
    expect(() => trainTextClassifier(toyExamples(5), { labels: ['sport', 'finance'] })).toThrow(/label "cooking" is not in the given labels/);
  });

  it('uses a precomputed vector in place of the text', () => {
    const { model } = trainTextClassifier(toyExamples(10), { seed: 2 });
    const vectors = toyExamples(10).map((e) => ({ ...e, vector: textVector(model, e.text), text: '' }));
    const again = trainTextClassifier(vectors, { seed: 2 }).model;
    expect(predictText(again, 'goal oven').probabilities).toEqual(predictText(model, 'goal oven').probabilities);
  });

  it('rejects bad hyperparameters and data, naming the field', () => {
    expect(() => trainTextClassifier([], {})).toThrow(/at least one example/);
    expect(() => trainTextClassifier([{ text: 'a', label: 'x' }])).toThrow(/at least two labels/);
    expect(() => trainTextClassifier(toyExamples(2), { learningRate: 0 })).toThrow(/learningRate/);
    expect(() => trainTextClassifier(toyExamples(2), { epochs: 1.5 })).toThrow(/epochs/);
    expect(() => trainTextClassifier(toyExamples(2), { validationSplit: 1 })).toThrow(/validationSplit/);
    expect(() => trainTextClassifier(toyExamples(2), { learningRate: 10, l2: 0.1 })).toThrow(/learningRate × l2/);
    expect(() => trainTextClassifier([{ text: 'a', label: '' }, { text: 'b', label: 'y' }])).toThrow(MlError);
  });
});

describe('training step by step', () => {
  it('yields one learning-curve point per epoch before returning the model', () => {
    const steps = textClassifierTraining(toyExamples(5), { epochs: 3 });
    const epochs: number[] = [];
    let result = steps.next();
    while (!result.done) {
      epochs.push(result.value.epoch);
      result = steps.next();
    }
    expect(epochs).toEqual([1, 2, 3]);
    expect(result.value.model.kind).toBe('text-classifier');
  });
});

describe('model JSON', () => {
  it('round-trips to identical probabilities', () => {
    const { model } = trainTextClassifier(toyExamples(10), { seed: 9 });
    const restored = modelFromJson(JSON.parse(JSON.stringify(modelToJson(model)))) as TextClassifier;
    expect(restored.kind).toBe('text-classifier');
    for (const text of ['goal goal', 'bake the loan', '完全无关', '']) {
      expect(predictText(restored, text).probabilities).toEqual(predictText(model, text).probabilities);
    }
    expect(restored.history).toEqual(model.history);
  });

  it('writes only the features that carry weight', () => {
    const json = modelToJson(trainTextClassifier(toyExamples(10)).model);
    expect(json.linear.features.length).toBeGreaterThan(0);
    expect(json.linear.features.length).toBeLessThan(2000);
    expect(json.linear.weights.length).toBe(json.linear.features.length * 3);
  });

  it('rejects a damaged model, naming the field', () => {
    const json = modelToJson(trainTextClassifier(toyExamples(5)).model);
    if (json.format !== 'laoshi.text-classifier') throw new Error('expected a text classifier');
    expect(() => modelFromJson({ ...json, format: 'other' })).toThrow(MlError);
    expect(() => modelFromJson({ ...json, linear: { ...json.linear, weights: json.linear.weights.slice(1) } })).toThrow(/model.linear.weights/);
    expect(() => modelFromJson({ ...json, linear: { ...json.linear, bias: [0, 'x', 0] } })).toThrow(/model.linear.bias\[1\]/);
    expect(() => modelFromJson({ ...json, linear: { ...json.linear, features: [...json.linear.features].reverse() } })).toThrow(/ascending/);
    expect(() => modelFromJson({ ...json, features: { ...json.features, dimensions: 1024 } })).toThrow(/dimensions/);
  });
});

describe('continueTextClassifier', () => {
  it('continues from the weights, learns a new label and leaves the old model alone', () => {
    const first = trainTextClassifier(toyExamples(10).filter((e) => e.label !== 'finance'), { epochs: 10 }).model;
    const before = predictText(first, 'goal oven').probabilities;
    const finance = toyExamples(10).filter((e) => e.label === 'finance');
    const { model, curve } = continueTextClassifier(first, [...toyExamples(3).filter((e) => e.label !== 'finance'), ...finance], { epochs: 10 });
    expect(model.linear.labels).toEqual(['cooking', 'sport', 'finance']);
    expect(curve[0]?.epoch).toBe(11);
    expect(model.history.map((h) => [h.firstEpoch, h.lastEpoch])).toEqual([[1, 10], [11, 20]]);
    expect(predictText(model, 'bank loan interest').label).toBe('finance');
    expect(predictText(model, 'coach goal').label).toBe('sport');
    expect(predictText(first, 'goal oven').probabilities).toEqual(before);
  });

  it('starts closer to the answer than a fresh model', () => {
    const { model } = trainTextClassifier(toyExamples(20), { epochs: 20 });
    const warm = continueTextClassifier(model, toyExamples(20), { epochs: 1 }).curve[0]!.trainLoss!;
    const cold = trainTextClassifier(toyExamples(20), { epochs: 1 }).curve[0]!.trainLoss!;
    expect(warm).toBeLessThan(cold / 2);
  });
});
