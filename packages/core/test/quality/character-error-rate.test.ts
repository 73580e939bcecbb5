import { describe, expect, it } from 'vitest';
import { characterErrorRate, editDistance } from '../../src/quality/index.js';

describe('editDistance', () => {
  it('counts the fewest insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('flaw', 'lawn')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('is symmetric', () => {
    expect(editDistance('intention', 'execution')).toBe(5);
    expect(editDistance('execution', 'intention')).toBe(5);
  });

  it('counts a character outside the BMP once, not as two UTF-16 units', () => {
    expect(editDistance('😀a', 'a')).toBe(1);
    expect(editDistance('汉字😀', '汉子😀')).toBe(1);
  });
});

describe('characterErrorRate', () => {
  it('divides the edit distance by the reference length', () => {
    expect(characterErrorRate('hello', 'hallo')).toBe(0.2);
    expect(characterErrorRate('abc', '')).toBe(1);
  });

  it('exceeds 1 when the hypothesis adds more than the reference holds', () => {
    expect(characterErrorRate('ab', 'abcde')).toBe(1.5);
  });

  it('gives 0 for two empty texts and 1 for text against an empty reference', () => {
    expect(characterErrorRate('', '')).toBe(0);
    expect(characterErrorRate('', 'x')).toBe(1);
  });
});
