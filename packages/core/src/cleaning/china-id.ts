import { regexMatches, type PiiMatch } from './pii-kinds.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

// Province-level codes (GB/T 2260 first two digits), used for the 15-digit form that has no check digit.
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

/**
 * The GB 11643 check character for the first 17 digits of a resident ID: Σ digit·weight mod 11
 * mapped through 1,0,X,9,8,7,6,5,4,3,2. Returns undefined unless given exactly 17 ASCII digits.
 * @example chinaIdCheckDigit('11010519491231002') // 'X'
 */
export function chinaIdCheckDigit(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11];
}

/** True when year-month-day is a real calendar date from 1900 up to `today` (UTC date), inclusive. */
function isPlausibleBirthDate(year: number, month: number, day: number, today: Date): boolean {
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  const limit = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return date.getTime() <= limit;
}

/**
 * Whether `value` is a valid mainland resident ID number: 18 characters (17 digits and a check
 * digit or X/x) with a correct GB 11643 check digit and a birth date YYYYMMDD that is a real date
 * from 1900 up to `today` (compared as UTC dates); or the pre-1999 15-digit form (6-digit area
 * code with a known province prefix, birth date YYMMDD read as 19YY, 3-digit sequence), which has
 * no check digit and so is checked only by date and province.
 */
export function isValidChinaId(value: string, today: Date = new Date()): boolean {
  if (/^\d{15}$/.test(value)) {
    if (!PROVINCES.has(value.slice(0, 2))) return false;
    const [y, m, d] = [value.slice(6, 8), value.slice(8, 10), value.slice(10, 12)].map(Number);
    return isPlausibleBirthDate(1900 + y!, m!, d!, today);
  }
  if (!/^\d{17}[\dXx]$/.test(value)) return false;
  if (chinaIdCheckDigit(value.slice(0, 17)) !== value[17]!.toUpperCase()) return false;
  const [y, m, d] = [value.slice(6, 10), value.slice(10, 12), value.slice(12, 14)].map(Number);
  return isPlausibleBirthDate(y!, m!, d!, today);
}

/**
 * Resident ID numbers in `text`. A candidate is a whole run of ASCII digits of length 18 or 15,
 * or a run of 17 followed by X/x that does not begin a word (no ASCII letter after it); digits
 * inside a longer run are never taken.
 */
export function findChinaIds(text: string, today: Date = new Date()): PiiMatch[] {
  return regexMatches(text, /(?<!\d)(?:\d{18}(?!\d)|\d{17}[Xx](?![A-Za-z])|\d{15}(?!\d))/g, 'cn_id', (m) =>
    isValidChinaId(m[0], today),
  );
}
