import { describe, expect, it } from 'vitest';
import { CleaningError, detectPii, isLuhnValid, isValidChinaId, type PiiKind } from '../../src/cleaning/index.js';

const TODAY = new Date(Date.UTC(2024, 5, 1));
const kinds = (text: string, only?: PiiKind[]) =>
  detectPii(text, { today: TODAY, ...(only && { kinds: only }) }).map((m) => [m.kind, m.value]);

describe('detectPii', () => {
  it('finds every kind in one text, sorted by offset, with values equal to their slices', () => {
    const text =
      '张三，身份证11010519491231002X，手机+86 138-0013-8000，座机(010)62345678，' +
      '邮箱 zhang@example.com，卡号4111 1111 1111 1111，登录IP 10.0.0.8 / 2001:db8::8。';
    const found = detectPii(text, { today: TODAY });
    expect(found.map((m) => m.kind)).toEqual(['cn_id', 'mobile', 'landline', 'email', 'bank_card', 'ipv4', 'ipv6']);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.value);
  });

  it('prefers the ID when an 18-digit number is also Luhn-valid', () => {
    expect(isValidChinaId('110105199003070068', TODAY) && isLuhnValid('110105199003070068')).toBe(true);
    expect(kinds('110105199003070068')).toEqual([['cn_id', '110105199003070068']]);
    expect(kinds('110105199003070068', ['bank_card'])).toEqual([['bank_card', '110105199003070068']]);
  });

  it('prefers the mobile number when 86 + mobile is also a Luhn-valid 13-digit card', () => {
    expect(isLuhnValid('8613800045678')).toBe(true);
    expect(kinds('8613800045678')).toEqual([['mobile', '8613800045678']]);
  });

  it('keeps the longer span: a phone in the local part of an e-mail is part of the e-mail', () => {
    expect(kinds('13800138000@163.com')).toEqual([['email', '13800138000@163.com']]);
  });

  it('keeps an IPv4-mapped IPv6 address whole rather than its IPv4 tail', () => {
    expect(kinds('::ffff:192.0.2.128')).toEqual([['ipv6', '::ffff:192.0.2.128']]);
    expect(kinds('::ffff:192.0.2.128', ['ipv4'])).toEqual([['ipv4', '192.0.2.128']]);
  });

  it('takes nothing from inside a 19-digit run that is neither card nor ID', () => {
    // 1 + the valid ID 320106198502153010: not an ID (longer run), not Luhn-valid as 19 digits.
    expect(isLuhnValid('1320106198502153010')).toBe(false);
    expect(kinds('1320106198502153010')).toEqual([]);
  });

  it('does not detect full-width digits', () => {
    expect(kinds('手机１３８００１３８０００')).toEqual([]);
  });

  it('limits detection to the requested kinds and rejects unknown ones', () => {
    expect(kinds('a@b.com 13800138000', ['mobile'])).toEqual([['mobile', '13800138000']]);
    expect(() => detectPii('x', { kinds: ['ssn' as PiiKind] })).toThrow(CleaningError);
  });

  it('stays fast on long adversarial input', () => {
    const text = 'a.'.repeat(20_000) + '1'.repeat(20_000) + 'x@' + 'ab-'.repeat(20_000) + 'f:'.repeat(20_000);
    const started = Date.now();
    detectPii(text);
    expect(Date.now() - started).toBeLessThan(10_000); // quadratic behaviour would take minutes; generous for loaded CI
  });
});
