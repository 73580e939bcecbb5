import { regexMatches, type PiiMatch } from './pii-kinds.js';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/**
 * Dotted-quad IPv4 with octets 0–255 and no leading zeros. Not next to a letter, digit, _ or
 * dot on the left, nor a letter, digit or _ on the right, nor followed by ".digit" — so version
 * strings like v1.2.3.4 and 1.2.3.4.5 are not addresses.
 */
const IPV4 = new RegExp(`(?<![A-Za-z0-9_.])(?:${OCTET}\\.){3}${OCTET}(?![A-Za-z0-9_])(?!\\.\\d)`, 'g');

/** Whether `value` is a dotted-quad IPv4 address (0–255, no leading zeros). */
export function isValidIpv4(value: string): boolean {
  return new RegExp(`^(?:${OCTET}\\.){3}${OCTET}$`).test(value);
}

/**
 * The eight 16-bit groups of an IPv6 address in text form (RFC 4291 §2.2: full, `::`-compressed,
 * and with a trailing dotted IPv4), or undefined when `value` is not one. Zone ids (%eth0) and
 * prefix lengths (/64) are not part of the address.
 */
export function parseIpv6(value: string): number[] | undefined {
  const halves = value.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string, last: boolean): number[] | undefined => {
    if (part === '') return [];
    const groups: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (last && i === pieces.length - 1 && piece.includes('.')) {
        if (!isValidIpv4(piece)) return undefined;
        const [a, b, c, d] = piece.split('.').map(Number);
        groups.push((a! << 8) | b!, (c! << 8) | d!);
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(piece)) groups.push(parseInt(piece, 16));
      else return undefined;
    }
    return groups;
  };
  const head = parse(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? parse(halves[1]!, true) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  return [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
}

/** IPv4 addresses in `text`. */
export function findIpv4(text: string): PiiMatch[] {
  return regexMatches(text, IPV4, 'ipv4');
}

/**
 * IPv6 addresses in `text`. A candidate is a maximal run of hex digits, colons and dots with at
 * least two colons and a hex digit; a trailing dot or single colon (sentence punctuation) and a
 * leading single colon ("IP:fe80::1") are dropped; the candidate must not touch a letter, digit
 * or _ on either side and must parse with `parseIpv6`. WARNING: a heuristic — a hex-looking word
 * glued by a colon to an address ("add:2001:db8::1") is taken as part of it.
 */
export function findIpv6(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  // Maximal runs only: a pattern that demands colons would rescan a long hex run from every start.
  const runs = /[0-9A-Fa-f:.]+/g;
  const touches = /[A-Za-z0-9_]/;
  for (let m = runs.exec(text); m !== null; m = runs.exec(text)) {
    if (m[0].split(':').length < 3) continue;
    let start = m.index;
    let end = start + m[0].length;
    while (end > start && text[end - 1] === '.') end -= 1;
    if (text[end - 1] === ':' && text[end - 2] !== ':') end -= 1;
    if (text[start] === ':' && text[start + 1] !== ':') start += 1;
    const value = text.slice(start, end);
    if (touches.test(text[start - 1] ?? '') || touches.test(text[end] ?? '')) continue;
    if (!/[0-9A-Fa-f]/.test(value) || parseIpv6(value) === undefined) continue;
    found.push({ kind: 'ipv6', start, end, value });
  }
  return found;
}
