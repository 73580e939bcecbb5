import { describe, expect, it } from 'vitest';
import {
  findBankCards, findEmails, findIpv4, findIpv6, findLandlines, findMobileNumbers, isLuhnValid, parseIpv6,
} from '../../src/cleaning/index.js';

const values = (matches: { value: string }[]) => matches.map((m) => m.value);

describe('findMobileNumbers', () => {
  it.each([
    '13800138000', '138 0013 8000', '138-0013-8000', '+8613800138000', '+86 138 0013 8000',
    '+86-138-0013-8000', '0086 13800138000', '8613800138000', '19912345678',
  ])('finds %s whole', (phone) => {
    expect(values(findMobileNumbers(`电话：${phone}。`))).toEqual([phone]);
  });

  it.each([
    ['a second digit outside 3–9', '12800138000'],
    ['mixed separators', '138-0013 8000'],
    ['groups other than 3-4-4', '1380 013 8000'],
    ['a 12-digit run', '138001380001'],
    ['a 10-digit number', '1380013800'],
  ])('rejects %s', (_why, text) => {
    expect(findMobileNumbers(text)).toEqual([]);
  });

  it('does not swallow a detached bare 86', () => {
    expect(values(findMobileNumbers('86 13800138000'))).toEqual(['13800138000']);
  });
});

describe('findLandlines', () => {
  it.each([
    '010-62345678', '(010)62345678', '（021）62345678', '0755 2345678', '075523456789', '02162345678',
    '010-62345678-123', '010-62345678转8001', '0571-87654321 ext. 12',
  ])('finds %s whole', (phone) => {
    expect(values(findLandlines(`座机 ${phone}，`))).toEqual([phone]);
  });

  it('rejects a local number starting with 0 or 1, and a 3-digit area code that does not exist', () => {
    expect(findLandlines('010-12345678')).toEqual([]);
    expect(findLandlines('030-62345678')).toEqual([]);
  });
});

describe('findEmails', () => {
  it('finds addresses with dots, plus tags and subdomains, without trailing punctuation', () => {
    expect(values(findEmails('写信给 zhang.san+hr@mail.example.com.cn。或 a_b@x-y.io.'))).toEqual([
      'zhang.san+hr@mail.example.com.cn',
      'a_b@x-y.io',
    ]);
  });

  it('rejects addresses without a TLD, with a hyphen-edged label, or a leading dot', () => {
    expect(findEmails('a@localhost, a@-x.com, a@b.c1')).toEqual([]);
    expect(values(findEmails('...abc@x.com'))).toEqual(['abc@x.com']);
  });
});

describe('isLuhnValid and findBankCards', () => {
  it('validates the classic test card and rejects it with one digit changed', () => {
    // Doubling every second digit from the right: the 4 → 8 and seven 1s → 2 each (8 + 14), plus the
    // eight undoubled 1s (8): 30 ≡ 0 mod 10. Ending in 2 instead makes 31.
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(isLuhnValid('')).toBe(false);
  });

  it.each(['4111111111111111', '4111 1111 1111 1111', '4111-1111-1111-1111', '3782 822463 10005', '6212260200000000006'])(
    'finds %s',
    (card) => expect(values(findBankCards(`卡号 ${card} 。`))).toEqual([card]),
  );

  it('rejects a Luhn-invalid number and a card inside a longer run', () => {
    expect(findBankCards('4111 1111 1111 1112')).toEqual([]);
    expect(findBankCards('94111111111111111')).toEqual([]);
  });

  it('cuts a grouped card away from a following group such as a year', () => {
    expect(values(findBankCards('4111 1111 1111 1111 2025'))).toEqual(['4111 1111 1111 1111']);
  });

  // Found by the planted-number property test (seed 2059429229): "287 4111 1111 1111" is Luhn-valid
  // too, and the leftmost reading used to win, leaving the planted card's last group in the clear.
  it('covers every reading when two overlap, so no part of a card is left out', () => {
    expect(values(findBankCards('287 4111 1111 1111 1111 '))).toEqual(['287 4111 1111 1111 1111']);
    // "1111 1111 1111 2024" passes the Luhn check as well: the year is masked with the card.
    expect(values(findBankCards('4111 1111 1111 1111 2024'))).toEqual(['4111 1111 1111 1111 2024']);
  });

  it('does not join groups written with different separators', () => {
    expect(findBankCards('4111 1111-1111 1111')).toEqual([]);
  });
});

describe('IP addresses', () => {
  it('finds IPv4 addresses but not versions, leading zeros or octets above 255', () => {
    expect(values(findIpv4('来自 192.168.1.1, 8.8.8.8. 版本 v1.2.3.4, 1.2.3.4.5, 01.2.3.4, 256.1.1.1'))).toEqual([
      '192.168.1.1',
      '8.8.8.8',
    ]);
  });

  it.each([
    ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', [0x2001, 0xdb8, 0x85a3, 0, 0, 0x8a2e, 0x370, 0x7334]],
    ['2001:db8:85a3::8a2e:370:7334', [0x2001, 0xdb8, 0x85a3, 0, 0, 0x8a2e, 0x370, 0x7334]],
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['fe80::', [0xfe80, 0, 0, 0, 0, 0, 0, 0]],
    ['::ffff:192.0.2.128', [0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0280]],
  ])('parses %s', (text, groups) => {
    expect(parseIpv6(text)).toEqual(groups);
  });

  it.each(['1::2::3', '12345::1', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::8', ':::', '1.2.3.4::', 'g::1'])(
    'rejects %s',
    (text) => expect(parseIpv6(text)).toBeUndefined(),
  );

  it('finds IPv6 in text, without zone ids, brackets, ports or sentence punctuation', () => {
    const text = '服务器 [2001:db8::1]:8080，网关 fe80::1%eth0，回环 ::1. IP:2001:db8:85a3::8a2e:370:7334';
    expect(values(findIpv6(text))).toEqual(['2001:db8::1', 'fe80::1', '::1', '2001:db8:85a3::8a2e:370:7334']);
  });

  it('ignores times, MAC addresses and C++ scopes', () => {
    expect(findIpv6('10:30:00 00:1A:2B:3C:4D:5E std::vector a::b_c')).toEqual([]);
  });
});
