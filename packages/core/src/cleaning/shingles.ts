import { CleaningError } from './cleaning-error.js';
import { contentKey } from './content-key.js';

/**
 * Default shingle length in characters. Five is the usual choice for English (about a word);
 * in Chinese it spans two or three words, so one changed character touches up to five shingles —
 * for very short Chinese texts (a one-line review) k = 3 gives similarities closer to intuition.
 */
export const DEFAULT_SHINGLE_SIZE = 5;

/** `contentKey(text)` in lower case: what shingling and similarity see. */
export function normalizeForShingles(text: string): string {
  return contentKey(text).toLowerCase();
}

/** Checks a shingle size: an integer from 1 to 64. */
export function checkShingleSize(k: number): number {
  if (!Number.isInteger(k) || k < 1 || k > 64) throw new CleaningError(`shingle size must be an integer 1..64, got ${k}`);
  return k;
}

/**
 * Each k-character shingle of the normalised text with its count. Characters are code points,
 * so an emoji or a rare CJK character is never split. A non-empty text shorter than k is one
 * shingle; an empty (or all-whitespace) text has none.
 * @example shingleCounts('abcab', 2) // Map { 'ab' => 2, 'bc' => 1, 'ca' => 1 }
 */
export function shingleCounts(text: string, k: number = DEFAULT_SHINGLE_SIZE): Map<string, number> {
  checkShingleSize(k);
  const chars = Array.from(normalizeForShingles(text));
  const counts = new Map<string, number>();
  if (chars.length === 0) return counts;
  const last = Math.max(0, chars.length - k);
  for (let i = 0; i <= last; i++) {
    const shingle = chars.slice(i, i + k).join('');
    counts.set(shingle, (counts.get(shingle) ?? 0) + 1);
  }
  return counts;
}

/** The set of k-character shingles of the normalised text (see `shingleCounts`). */
export function shingles(text: string, k: number = DEFAULT_SHINGLE_SIZE): Set<string> {
  return new Set(shingleCounts(text, k).keys());
}

/** Exact Jaccard similarity |A ∩ B| / |A ∪ B| of two sets; 1 when both are empty. */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const item of small) if (large.has(item)) common += 1;
  return common / (a.size + b.size - common);
}
