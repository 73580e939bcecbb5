import { regexMatches, type PiiMatch } from './pii-kinds.js';

/**
 * Mainland mobile numbers: 1[3-9]x then 8 digits, written whole or in 3-4-4 groups with one
 * kind of separator (space or hyphen) used in both places. An optional prefix `+86` or `0086`
 * may be followed by a space or hyphen; a bare `86` prefix must be attached (`8613800138000`) so
 * a lone "86 " before a number is not swallowed.
 */
const MOBILE = /(?<![\d+])(?:(?:\+86|0086)[ -]?|86)?1[3-9]\d([ -]?)\d{4}\1\d{4}(?!\d)/g;

/**
 * Landlines: an area code (010, 02x, or 0xxx with x ≥ 3 — the real layout of Chinese area codes),
 * bare or in ASCII or full-width parentheses, then an optional space or hyphen and a 7–8 digit
 * local number that starts with 2–9, then an optional extension introduced by -, 转, 分机, ext,
 * x or # (1–6 digits).
 */
const AREA = '0(?:10|2\\d|[3-9]\\d{2})';
export const LANDLINE = new RegExp(
  `(?<!\\d)(?:[(（](?<area1>${AREA})[)）][ -]?|(?<area2>${AREA})[ -]?)(?<local>[2-9]\\d{6,7})` +
    '(?: ?(?:-|转|分机|ext\\.?|x|#) ?(?<ext>\\d{1,6}))?(?!\\d)',
  'gi',
);

/** Mobile numbers in `text`; never part of a longer run of ASCII digits. */
export function findMobileNumbers(text: string): PiiMatch[] {
  return regexMatches(text, MOBILE, 'mobile');
}

/** Landline numbers in `text`; never part of a longer run of ASCII digits. */
export function findLandlines(text: string): PiiMatch[] {
  return regexMatches(text, LANDLINE, 'landline');
}
