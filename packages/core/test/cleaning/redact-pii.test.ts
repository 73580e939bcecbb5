import { describe, expect, it } from 'vitest';
import { CleaningError, maskValue, redactPii, type PiiMask } from '../../src/cleaning/index.js';

const TODAY = new Date(Date.UTC(2024, 5, 1));
const TEXT = '李四 11010519491231002X 电话 138 0013 8000 邮箱 lisi@example.cn';

describe('redactPii', () => {
  it("keeps the length and every other character in 'char' mode (the default)", () => {
    const { text, found } = redactPii(TEXT, { today: TODAY });
    expect(text).toBe('李四 ****************** 电话 ************* 邮箱 ***************');
    expect(text).toHaveLength(TEXT.length);
    expect(found.map((m) => m.value)).toEqual(['11010519491231002X', '138 0013 8000', 'lisi@example.cn']);
  });

  it("puts labels in 'label' mode", () => {
    expect(redactPii(TEXT, { mask: 'label', today: TODAY }).text).toBe('李四 [ID] 电话 [PHONE] 邮箱 [EMAIL]');
  });

  it("masks partially in 'partial' mode", () => {
    expect(redactPii(TEXT, { mask: 'partial', today: TODAY }).text).toBe(
      '李四 110105********002X 电话 138 **** 8000 邮箱 l***@example.cn',
    );
  });

  it('calls a mask function with each match', () => {
    const mask: PiiMask = (m) => `<${m.kind}:${m.value.length}>`;
    expect(redactPii('a@b.cn', { mask }).text).toBe('<email:6>');
  });

  it('can expose context-hidden matches to a second pass, as its WARNING says', () => {
    const once = redactPii('1.2.3.4.13800138000');
    expect(once.text).toBe('1.2.3.4.***********');
    expect(redactPii(once.text).found.map((m) => m.value)).toEqual(['1.2.3.4']);
  });

  it('returns the text unchanged when nothing is found, and rejects an unknown mask', () => {
    expect(redactPii('没有个人信息')).toEqual({ text: '没有个人信息', found: [] });
    expect(() => redactPii('x', { mask: 'stars' as PiiMask })).toThrow(CleaningError);
  });
});

describe('maskValue', () => {
  it.each([
    ['cn_id', '11010519491231002X', '110105********002X'],
    ['cn_id', '110105491231002', '110105*****1002'],
    ['mobile', '13800138000', '138****8000'],
    ['mobile', '+86 138-0013-8000', '+86 138-****-8000'],
    ['mobile', '8613800138000', '86138****8000'],
    ['landline', '010-62345678', '010-****5678'],
    ['landline', '(0755)2345678转12', '(0755)***5678转12'],
    ['email', 'zhangsan@example.com', 'z***@example.com'],
    ['bank_card', '4111 1111 1111 1111', '**** **** **** 1111'],
    ['bank_card', '6212260200000000006', '***************0006'],
    ['ipv4', '192.168.1.23', '192.168.*.*'],
    ['ipv6', '2001:0db8:85a3::8a2e:370:7334', '2001:db8:85a3:*:*:*:*:*'],
  ] as const)('masks %s %s as %s', (kind, value, masked) => {
    expect(maskValue(kind, value)).toBe(masked);
  });

  it('masks a value that does not fit its kind entirely', () => {
    expect(maskValue('landline', 'not a phone')).toBe('***********');
    expect(maskValue('ipv6', 'zz')).toBe('**');
  });
});
