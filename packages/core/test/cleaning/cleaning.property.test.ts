import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contentHash64, contentKey, detectPii, findNearDuplicates, hammingDistance, jaccardEstimate, minHashSignature,
  redactPii, simHash, type PiiMatch,
} from '../../src/cleaning/index.js';

/** Characters PII is made of, so random strings often hit the detectors' edges. */
const PII_CHARS = [...'0123456789X86+-() @.:_abcdefxyz%转中０'];
const piiString = fc.array(fc.constantFrom(...PII_CHARS), { maxLength: 80 }).map((cs) => cs.join(''));
/** Arbitrary UTF-16, lone surrogates included. */
const anyString = fc.string({ unit: 'binary', maxLength: 80 });
const text = fc.oneof(piiString, anyString, fc.string({ maxLength: 80 }));

function expectWellFormed(source: string, found: PiiMatch[]): void {
  let previousEnd = 0;
  for (const m of found) {
    expect(m.start).toBeGreaterThanOrEqual(previousEnd);
    expect(m.end).toBeGreaterThan(m.start);
    expect(m.end).toBeLessThanOrEqual(source.length);
    expect(source.slice(m.start, m.end)).toBe(m.value);
    previousEnd = m.end;
  }
}

describe('cleaning properties', () => {
  it('detectPii never throws and returns sorted, disjoint, in-bounds spans equal to their slices', () => {
    fc.assert(fc.property(text, (s) => expectWellFormed(s, detectPii(s))), { numRuns: 500 });
  });

  it('finds a planted valid number between separators, whatever surrounds it', () => {
    const today = new Date(Date.UTC(2024, 5, 1));
    const planted = fc.constantFrom('11010519491231002X', '13800138000', '4111 1111 1111 1111', 'a@b.cn', '10.1.2.3');
    fc.assert(
      fc.property(text, planted, text, (before, value, after) => {
        const s = `${before} ${value} ${after}`;
        const start = before.length + 1;
        const found = detectPii(s, { today });
        // Something covers the planted value: it, or a longer span around it that won the overlap.
        expect(found.some((m) => m.start <= start && m.end >= start + value.length)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("redactPii in 'char' mode keeps the length and every character outside the spans", () => {
    fc.assert(
      fc.property(text, (s) => {
        const { text: redacted, found } = redactPii(s);
        expect(redacted).toHaveLength(s.length);
        const masked = new Array<boolean>(s.length).fill(false);
        for (const m of found) masked.fill(true, m.start, m.end);
        for (let i = 0; i < s.length; i++) expect(redacted[i]).toBe(masked[i] ? '*' : s[i]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same signatures and fingerprints twice, and estimate 1 for a text with itself', () => {
    fc.assert(
      fc.property(text, (s) => {
        const a = minHashSignature(s, { numHashes: 16 });
        expect(minHashSignature(s, { numHashes: 16 })).toEqual(a);
        expect(jaccardEstimate(a, a)).toBe(1);
        expect(hammingDistance(simHash(s), simHash(s))).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('contentKey is idempotent and texts with equal keys share a hash', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(contentKey(contentKey(s))).toBe(contentKey(s));
        expect(contentHash64(contentKey(s))).toBe(contentHash64(s));
      }),
      { numRuns: 300 },
    );
  });

  it('near-duplicate groups are disjoint, sorted, and contain only known ids', () => {
    const items = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 3 }), text: piiString }), {
      selector: (item) => item.id,
      maxLength: 12,
    });
    fc.assert(
      fc.property(items, (list) => {
        const { groups } = findNearDuplicates(list, { threshold: 0.5, numHashes: 32 });
        const ids = groups.flat();
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(list.some((item) => item.id === id)).toBe(true);
        for (const group of groups) expect([...group].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(group);
      }),
      { numRuns: 100 },
    );
  });
});
