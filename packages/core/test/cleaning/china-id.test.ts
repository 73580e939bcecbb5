import { describe, expect, it } from 'vitest';
import { chinaIdCheckDigit, findChinaIds, isValidChinaId } from '../../src/cleaning/index.js';

const TODAY = new Date(Date.UTC(2024, 5, 1));

describe('chinaIdCheckDigit', () => {
  it('computes X for the well-known sample 11010519491231002X', () => {
    // Σ digit·weight = 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167;
    // 167 mod 11 = 2 → the third entry of 1,0,X,… is X.
    expect(chinaIdCheckDigit('11010519491231002')).toBe('X');
  });

  it('computes digit check characters', () => {
    // 4·7+4·9+0+3·5+0+1·4+1·2+9·1+9·6+0+0+1·9+0+1·5+1·8+2·4+3·2 = 184; 184 mod 11 = 8 → 4.
    expect(chinaIdCheckDigit('44030119900101123')).toBe('4');
    // 3·7+2·9+0+1·5+0+6·4+1·2+9·1+8·6+5·3+0+2·9+1·10+5·5+3·8+0+1·2 = 221; 221 mod 11 = 1 → 0.
    expect(chinaIdCheckDigit('32010619850215301')).toBe('0');
  });

  it('returns undefined unless given 17 digits', () => {
    expect(chinaIdCheckDigit('1101051949123100')).toBeUndefined();
    expect(chinaIdCheckDigit('1101051949123100a')).toBeUndefined();
  });
});

describe('isValidChinaId', () => {
  it('accepts valid 18-character IDs, with X in either case', () => {
    expect(isValidChinaId('11010519491231002X', TODAY)).toBe(true);
    expect(isValidChinaId('11010519491231002x', TODAY)).toBe(true);
    expect(isValidChinaId('440301199001011234', TODAY)).toBe(true);
    expect(isValidChinaId('320106198502153010', TODAY)).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(isValidChinaId('110105194912310021', TODAY)).toBe(false);
    expect(isValidChinaId('440301199001011235', TODAY)).toBe(false);
  });

  it('rejects an impossible birth date even with a correct check digit', () => {
    // 1949-02-30 does not exist; 11010519490230123 → check digit 4.
    expect(chinaIdCheckDigit('11010519490230123')).toBe('4');
    expect(isValidChinaId('110105194902301234', TODAY)).toBe(false);
  });

  it('rejects a birth date after today', () => {
    // 2099-01-01; 11010520990101123 → check digit 4.
    expect(isValidChinaId('110105209901011234', TODAY)).toBe(false);
    expect(isValidChinaId('110105209901011234', new Date(Date.UTC(2099, 0, 1)))).toBe(true);
  });

  it('accepts the old 15-digit form with a real date and a known province', () => {
    expect(isValidChinaId('110105491231002', TODAY)).toBe(true); // 1949-12-31
    expect(isValidChinaId('110105491331002', TODAY)).toBe(false); // month 13
    expect(isValidChinaId('990105491231002', TODAY)).toBe(false); // no province 99
  });
});

describe('findChinaIds', () => {
  it('finds IDs among Chinese text', () => {
    expect(findChinaIds('身份证号11010519491231002X，请核对', TODAY)).toEqual([
      { kind: 'cn_id', start: 4, end: 22, value: '11010519491231002X' },
    ]);
  });

  it('does not take an ID from inside a longer digit run', () => {
    expect(findChinaIds('9320106198502153010', TODAY)).toEqual([]);
    expect(findChinaIds('3201061985021530109', TODAY)).toEqual([]);
  });

  it('ends the digit run at X, so a digit after X does not block the ID', () => {
    expect(findChinaIds('11010519491231002X11010519491231002X', TODAY)).toHaveLength(2);
  });

  it('does not take a trailing X that begins a word', () => {
    expect(findChinaIds('11010519491231002XYZ', TODAY)).toEqual([]);
    expect(findChinaIds('11010519491231002X号', TODAY)).toHaveLength(1);
  });
});
