import { MlError } from './ml-error.js';
import { BucketCounts } from './bucket-counts.js';
import type { SparseVector } from './sparse-vector.js';

/** How text becomes a hashed feature vector; stored in the model so predictions see the same features. */
export interface TextFeatureOptions {
  /** Hash buckets: a power of two from 2^4 to 2^24. Default 2^18. */
  dimensions: number;
  /** Word n-gram lengths `[min, max]`, or null for none. Default [1, 2]. */
  wordNgrams: [number, number] | null;
  /** Character n-gram lengths inside each word (padded with a space at both ends), or null. Default [2, 4]. */
  charNgrams: [number, number] | null;
  /** Count 1 + ln(count) instead of the raw count, so one repeated word cannot dominate. Default true. */
  sublinearTf: boolean;
  /** Only the first this many characters count (long e-mails, logs); null for all. Default null. */
  maxChars: number | null;
}

export const DEFAULT_TEXT_FEATURES: Readonly<TextFeatureOptions> = Object.freeze<TextFeatureOptions>({
  dimensions: 2 ** 18,
  wordNgrams: [1, 2],
  charNgrams: [2, 4],
  sublinearTf: true,
  maxChars: null,
});

function checkRange(range: [number, number] | null, field: string): [number, number] | null {
  if (range === null) return null;
  const [min, max] = range;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min || max > 8) {
    throw new MlError(`${field} must be [min, max] with 1 ≤ min ≤ max ≤ 8, got [${String(min)}, ${String(max)}]`);
  }
  return [min, max];
}

/** Fills in defaults and checks every option; throws MlError naming the bad field. */
export function resolveTextFeatures(options: Partial<TextFeatureOptions> = {}): TextFeatureOptions {
  const o = { ...DEFAULT_TEXT_FEATURES, ...options };
  const log2 = Math.log2(o.dimensions);
  if (!Number.isInteger(log2) || log2 < 4 || log2 > 24) throw new MlError(`features.dimensions must be a power of two from 2^4 to 2^24, got ${o.dimensions}`);
  if (typeof o.sublinearTf !== 'boolean') throw new MlError('features.sublinearTf must be true or false');
  if (o.maxChars !== null && (!Number.isInteger(o.maxChars) || o.maxChars < 1)) throw new MlError(`features.maxChars must be a positive integer or null, got ${o.maxChars}`);
  const wordNgrams = checkRange(o.wordNgrams, 'features.wordNgrams');
  const charNgrams = checkRange(o.charNgrams, 'features.charNgrams');
  if (!wordNgrams && !charNgrams) throw new MlError('features need word n-grams, character n-grams or both');
  return { dimensions: o.dimensions, wordNgrams, charNgrams, sublinearTf: o.sublinearTf, maxChars: o.maxChars };
}

// Scripts written without spaces between words: each character is a word of its own, so word
// bigrams become character bigrams — the usual baseline for Chinese and Japanese.
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
const RUN = /[\p{L}\p{N}\p{M}_]+/gu;

/** Runs of letters and digits in NFKC lower case (full-width Ａ１ becomes a1). */
export function textRuns(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(RUN) ?? [];
}

/**
 * The word tokens of a text: runs of letters and digits, with every Han, Hiragana or Katakana
 * character a token of its own.
 * @example textTokens('我爱 NLP!') // ['我', '爱', 'nlp']
 */
export function textTokens(text: string): string[] {
  return tokensOfRuns(textRuns(text));
}

function tokensOfRuns(runs: readonly string[]): string[] {
  const tokens: string[] = [];
  for (const run of runs) {
    if (!UNSPACED.test(run)) {
      tokens.push(run);
      continue;
    }
    let pending = '';
    for (const char of run) {
      if (UNSPACED.test(char)) {
        if (pending) tokens.push(pending);
        pending = '';
        tokens.push(char);
      } else pending += char;
    }
    if (pending) tokens.push(pending);
  }
  return tokens;
}

// N-gram hashes are built incrementally, FNV-1a style with one step per code point (or per
// token hash for word n-grams), then finished with MurmurHash3's mixer so low bits make good
// buckets: no n-gram string is ever built, which keeps long e-mails cheap.
const FNV_PRIME = 0x01000193;
const WORD_SEED = 0x811c9dc5 ^ 0x77;
const CHAR_SEED = 0x811c9dc5 ^ 0x63;

function step(h: number, value: number): number {
  return Math.imul(h ^ value, FNV_PRIME);
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function tokenHash(token: string): number {
  let h = WORD_SEED;
  for (let i = 0; i < token.length; i++) h = step(h, token.charCodeAt(i));
  return finish(h);
}

/** Adds a family's weighted counts to `into`, scaled so the family's part of the vector has length `length`. */
function addWeighted(into: BucketCounts, counts: BucketCounts, sublinear: boolean, length: number): void {
  let sum = 0;
  counts.forEach((_, count) => {
    const w = sublinear ? 1 + Math.log(count) : count;
    sum += w * w;
  });
  if (sum === 0) return;
  const factor = length / Math.sqrt(sum);
  counts.forEach((bucket, count) => into.add(bucket, (sublinear ? 1 + Math.log(count) : count) * factor));
}

/**
 * The hashed n-gram features of one text: word and character n-gram counts, each family scaled to
 * the same length so the whole vector has length 1 (an empty text gives the zero vector).
 */
export function textFeatures(text: string, options: TextFeatureOptions): SparseVector {
  const clipped = options.maxChars === null ? text : text.slice(0, options.maxChars);
  const mask = options.dimensions - 1;
  const runs = textRuns(clipped);
  const families: BucketCounts[] = [];
  if (options.wordNgrams) {
    const [min, max] = options.wordNgrams;
    const hashes = tokensOfRuns(runs).map(tokenHash);
    const counts = new BucketCounts(hashes.length * (max - min + 1));
    for (let i = 0; i < hashes.length; i++) {
      let h = WORD_SEED;
      for (let n = 1; n <= max && i + n <= hashes.length; n++) {
        h = step(h, hashes[i + n - 1] as number);
        if (n >= min) counts.add(finish(h) & mask);
      }
    }
    families.push(counts);
  }
  if (options.charNgrams) {
    const [min, max] = options.charNgrams;
    const counts = new BucketCounts(clipped.length);
    for (const run of runs) {
      const points = [32];
      for (const char of run) points.push(char.codePointAt(0) as number);
      points.push(32);
      for (let i = 0; i < points.length; i++) {
        let h = CHAR_SEED;
        for (let n = 1; n <= max && i + n <= points.length; n++) {
          h = step(h, points[i + n - 1] as number);
          if (n >= min && !(n === 1 && points[i] === 32)) counts.add(finish(h) & mask);
        }
      }
    }
    families.push(counts);
  }
  const merged = new BucketCounts(families.reduce((n, f) => n + f.size, 0));
  const length = 1 / Math.sqrt(families.filter((f) => f.size > 0).length || 1);
  for (const family of families) addWeighted(merged, family, options.sublinearTf, length);
  return merged.toSparse();
}
