import { describe, expect, it } from 'vitest';
import { MlError, resolveTextFeatures, textFeatures, textTokens } from '../../src/ml/index.js';

const norm = (values: Float64Array) => Math.sqrt(values.reduce((s, v) => s + v * v, 0));

describe('textTokens', () => {
  it('splits Chinese into characters and keeps Latin words whole', () => {
    expect(textTokens('我爱 NLP!')).toEqual(['我', '爱', 'nlp']);
    expect(textTokens('用GPT4写代码')).toEqual(['用', 'gpt4', '写', '代', '码']);
  });

  it('folds full-width forms and case (NFKC, lower case)', () => {
    expect(textTokens('ＡＢＣ１２３ Hello')).toEqual(['abc123', 'hello']);
  });
});

describe('textFeatures', () => {
  const options = resolveTextFeatures();

  it('gives a unit-length vector with ascending indices inside the buckets', () => {
    const v = textFeatures('The quick brown fox jumps over the lazy dog', options);
    expect(norm(v.values)).toBeCloseTo(1, 12);
    for (let i = 1; i < v.indices.length; i++) expect(v.indices[i]!).toBeGreaterThan(v.indices[i - 1]!);
    expect(v.indices[v.indices.length - 1]!).toBeLessThan(options.dimensions);
  });

  it('is deterministic and sees word order through bigrams', () => {
    const a = textFeatures('dog bites man', options);
    expect(textFeatures('dog bites man', options)).toEqual(a);
    const wordsOnly = resolveTextFeatures({ charNgrams: null, wordNgrams: [1, 2] });
    expect(textFeatures('dog bites man', wordsOnly).indices).not.toEqual(textFeatures('man bites dog', wordsOnly).indices);
    const unigrams = resolveTextFeatures({ charNgrams: null, wordNgrams: [1, 1] });
    expect(textFeatures('dog bites man', unigrams)).toEqual(textFeatures('man bites dog', unigrams));
  });

  it('gives Chinese texts that share words overlapping features', () => {
    const dot = (a: ReturnType<typeof textFeatures>, b: ReturnType<typeof textFeatures>) => {
      const m = new Map(Array.from(a.indices, (k, i) => [k, a.values[i]!]));
      return Array.from(b.indices).reduce((s, k, i) => s + (m.get(k) ?? 0) * b.values[i]!, 0);
    };
    const [a, b, c] = ['这部电影很好看', '那部电影也很好看', '明天股市会下跌'].map((t) => textFeatures(t, options));
    expect(dot(a!, b!)).toBeGreaterThan(0.3);
    expect(dot(a!, c!)).toBeLessThan(0.05);
  });

  it('gives the zero vector for a text without letters or digits', () => {
    expect(textFeatures('  !!! ', options).indices.length).toBe(0);
  });

  it('only reads the first maxChars characters', () => {
    const clipped = resolveTextFeatures({ maxChars: 5 });
    expect(textFeatures('hello world', clipped)).toEqual(textFeatures('hello', clipped));
  });

  it('rejects bad options, naming the field', () => {
    expect(() => resolveTextFeatures({ dimensions: 1000 })).toThrow(/features.dimensions/);
    expect(() => resolveTextFeatures({ wordNgrams: [2, 1] })).toThrow(/features.wordNgrams/);
    expect(() => resolveTextFeatures({ wordNgrams: null, charNgrams: null })).toThrow(MlError);
  });
});
