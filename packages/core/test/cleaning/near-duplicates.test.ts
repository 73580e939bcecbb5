import { describe, expect, it } from 'vitest';
import {
  candidateProbability, CleaningError, findNearDuplicates, hammingDistance, jaccard, jaccardEstimate,
  lshParameters, minHashSignature, shingleCounts, shingles, simHash,
} from '../../src/cleaning/index.js';

/** Mulberry32: a seeded generator so the generated texts are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const ALPHABET = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经';

function generatedText(rand: () => number, length: number): string {
  return Array.from({ length }, () => ALPHABET[Math.floor(rand() * ALPHABET.length)]).join('');
}

/** `text` with a share of its characters replaced at random. */
function mutate(rand: () => number, text: string, share: number): string {
  return Array.from(text, (c) => (rand() < share ? ALPHABET[Math.floor(rand() * ALPHABET.length)]! : c)).join('');
}

const REVIEW_A = '这家店的东西质量很好，物流也很快，客服态度非常耐心，下次还会再来买。';
const REVIEW_B = '这家店的东西质量很好，物流也非常快，客服态度非常耐心，下次还会再来买！';
const UNRELATED = '屏幕有坏点，联系卖家退货一直没人处理，非常失望。';

describe('shingles', () => {
  it('normalises case, width and whitespace and counts code points, not UTF-16 units', () => {
    expect(shingleCounts('AB  ab', 2)).toEqual(new Map([['ab', 2], ['b ', 1], [' a', 1]]));
    expect(shingles('😀😀😀', 2)).toEqual(new Set(['😀😀']));
    expect(shingles('ab', 5)).toEqual(new Set(['ab']));
    expect(shingles('  ', 5).size).toBe(0);
    expect(() => shingles('x', 0)).toThrow(CleaningError);
  });

  it('gives the exact Jaccard similarity', () => {
    // {abc, bcd} vs {bcd, cde}: 1 shared of 3.
    expect(jaccard(shingles('abcd', 3), shingles('bcde', 3))).toBeCloseTo(1 / 3, 12);
    expect(jaccard(new Set(), new Set())).toBe(1);
  });
});

describe('minHashSignature', () => {
  it('is deterministic and pinned to fixed values, so every runtime computes the same', () => {
    expect(minHashSignature('hello world')).toEqual(minHashSignature('hello world'));
    expect([...minHashSignature('hello world', { numHashes: 4 })]).toEqual([0x7938b1b, 0x148e6cd5, 0x82fff41, 0x320719cc]);
  });

  it('changes with the seed and gives an empty text all 0xffffffff', () => {
    expect(minHashSignature('hello world', { seed: 1 })).not.toEqual(minHashSignature('hello world'));
    expect([...minHashSignature('', { numHashes: 3 })]).toEqual([0xffffffff, 0xffffffff, 0xffffffff]);
  });

  it('estimates the exact Jaccard similarity within 0.1 on generated texts (256 hashes, σ ≤ 0.031)', () => {
    const rand = random(42);
    for (const share of [0, 0.02, 0.05, 0.1, 0.2, 0.4, 1]) {
      const a = generatedText(rand, 300);
      const b = mutate(rand, a, share);
      const exact = jaccard(shingles(a), shingles(b));
      const estimate = jaccardEstimate(minHashSignature(a, { numHashes: 256 }), minHashSignature(b, { numHashes: 256 }));
      expect(Math.abs(estimate - exact)).toBeLessThan(0.1);
    }
  });

  it('refuses to compare signatures of different lengths', () => {
    expect(() => jaccardEstimate(new Uint32Array(4), new Uint32Array(8))).toThrow(CleaningError);
  });
});

describe('lshParameters', () => {
  it('picks the most rows that still catch a pair at the threshold 99% of the time', () => {
    expect(lshParameters(0.8, 128)).toEqual({ bands: 21, rows: 6 });
    // One more row (7 rows, 18 bands) would catch a 0.8 pair only ~98.5% of the time.
    expect(candidateProbability(0.8, 18, 7)).toBeLessThan(0.99);
    expect(candidateProbability(0.8, 21, 6)).toBeGreaterThanOrEqual(0.99);
  });
});

describe('findNearDuplicates', () => {
  const corpus = [
    { id: 'review-2', text: REVIEW_B },
    { id: 'review-1', text: REVIEW_A },
    { id: 'review-3', text: UNRELATED },
    { id: 'en-1', text: 'The quick brown fox jumps over the lazy dog' },
    { id: 'en-2', text: 'the quick brown fox jumped over the lazy dog.' },
    { id: 'copy', text: `  ${REVIEW_A.replace('，', ',')}  ` },
  ];

  it('groups the near-identical reviews and their copy, and leaves the unrelated review alone', () => {
    // Exact Jaccard with 5-character shingles: reviews 1 and 2 share 24 of 37 shingles (0.649);
    // review 3 shares none with either.
    expect(jaccard(shingles(REVIEW_A), shingles(REVIEW_B))).toBeCloseTo(24 / 37, 12);
    expect(jaccard(shingles(REVIEW_A), shingles(UNRELATED))).toBe(0);
    const { groups, pairs } = findNearDuplicates(corpus, { threshold: 0.6 });
    expect(groups).toEqual([['copy', 'review-1', 'review-2'], ['en-1', 'en-2']]);
    // The copy equals review 1 after normalisation, so it is linked to review 1 and skips LSH.
    expect(pairs.map((p) => [p.a, p.b, p.jaccard])).toEqual([
      ['copy', 'review-1', 1],
      ['en-1', 'en-2', jaccard(shingles(corpus[3]!.text), shingles(corpus[4]!.text))],
      ['review-1', 'review-2', 24 / 37],
    ]);
  });

  it('finds only exact copies at a higher threshold, with 3-character shingles working for short Chinese', () => {
    expect(findNearDuplicates(corpus).groups).toEqual([['copy', 'review-1']]);
    expect(findNearDuplicates(corpus, { k: 3, threshold: 0.75 }).groups).toEqual([['copy', 'review-1', 'review-2'], ['en-1', 'en-2']]);
  });

  it('finds the same groups with explicit banding, and checks it', () => {
    expect(findNearDuplicates(corpus, { threshold: 0.6, bands: 32, rows: 4 }).groups).toHaveLength(2);
    expect(() => findNearDuplicates(corpus, { bands: 20, rows: 10 })).toThrow(CleaningError);
    expect(() => findNearDuplicates(corpus, { threshold: 0 })).toThrow(CleaningError);
    expect(() => findNearDuplicates([...corpus, corpus[0]!])).toThrow(CleaningError);
  });

  it('never groups empty texts', () => {
    expect(findNearDuplicates([{ id: 'a', text: '' }, { id: 'b', text: '   ' }]).groups).toEqual([]);
  });
});

describe('simHash', () => {
  it('is pinned to a fixed value and puts near-duplicates closer than unrelated texts', () => {
    expect(simHash('hello world')).toBe(0xba6c1074e88e3a7fn);
    const near = hammingDistance(simHash(REVIEW_A), simHash(REVIEW_B));
    const far = hammingDistance(simHash(REVIEW_A), simHash(UNRELATED));
    expect(near).toBeLessThan(far);
    expect(simHash('')).toBe(0n);
  });

  it('counts differing bits over 64 bits', () => {
    expect(hammingDistance(0n, 0xffffffffffffffffn)).toBe(64);
    expect(hammingDistance(0b1011n, 0b0001n)).toBe(2);
    expect(hammingDistance(1n << 63n, 0n)).toBe(1);
  });
});
