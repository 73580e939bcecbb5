import { regexMatches, type PiiMatch } from './pii-kinds.js';

/**
 * A practical subset of RFC 5322 addresses: a dot-separated ASCII local part of letters, digits
 * and _ % + -, then a domain of LDH labels (no leading or trailing hyphen) and an alphabetic TLD.
 * Quoted local parts and internationalised addresses are not detected. The look-behind keeps a
 * match from starting inside a local part (so a run without @ is scanned once, not quadratically).
 */
const EMAIL =
  /(?<![A-Za-z0-9_%+-]|[A-Za-z0-9_%+-]\.)[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?![A-Za-z0-9-])/g;

/** E-mail addresses in `text`. */
export function findEmails(text: string): PiiMatch[] {
  return regexMatches(text, EMAIL, 'email');
}
