import { parseIpv6, isValidIpv4 } from './ip-addresses.js';
import { LANDLINE } from './phone-numbers.js';
import { checkKinds, type PiiKind } from './pii-kinds.js';

/** Replaces the ASCII digits of `value` whose index (among its digits) `hide` selects by '*'. */
function maskDigits(value: string, hide: (index: number, count: number) => boolean): string {
  const count = value.replace(/\D/g, '').length;
  let index = 0;
  return value.replace(/\d/g, (digit) => (hide(index++, count) ? '*' : digit));
}

const stars = (value: string) => '*'.repeat(value.length);

const MASKERS: Record<PiiKind, (value: string) => string | undefined> = {
  cn_id: (v) => (/^\d{15}$|^\d{17}[\dXx]$/.test(v) ? v.slice(0, 6) + '*'.repeat(v.length - 10) + v.slice(-4) : undefined),
  // Digits 4–7 of the 11-digit national number; a +86 prefix and separators stay as written.
  mobile: (v) => maskDigits(v, (i, n) => i >= n - 8 && i < n - 4),
  landline: (v) => {
    const m = new RegExp(`^(?:${LANDLINE.source})$`, 'id').exec(v);
    const local = m?.indices?.groups?.local;
    if (local === undefined) return undefined;
    const [start, end] = local;
    return v.slice(0, start) + '*'.repeat(end - start - 4) + v.slice(end - 4);
  },
  email: (v) => {
    const at = v.lastIndexOf('@');
    return at > 0 ? `${v[0]!}***${v.slice(at)}` : undefined;
  },
  bank_card: (v) => maskDigits(v, (i, n) => i < n - 4),
  ipv4: (v) => (isValidIpv4(v) ? v.split('.').slice(0, 2).join('.') + '.*.*' : undefined),
  ipv6: (v) => {
    const groups = parseIpv6(v);
    return groups && `${groups.slice(0, 3).map((g) => g.toString(16)).join(':')}:*:*:*:*:*`;
  },
};

/**
 * Partial masking for exports, keeping just enough to tell records apart:
 * ID → first 6 + `********` + last 4 (the length is kept, so 15-digit IDs get 5 stars);
 * mobile → `138****8000` (digits 4–7 of the national number hidden; prefix and separators kept);
 * landline → area code + local number with all but its last 4 digits hidden (extension kept);
 * e-mail → first character + `***@domain`; card → every digit but the last 4 hidden, separators
 * kept; IPv4 → first two octets (`192.168.*.*`); IPv6 → first three groups (the /48) then `:*`.
 * A value that does not have the shape of its kind is masked entirely, one '*' per character.
 * Throws CleaningError on an unknown kind.
 * @example maskValue('cn_id', '11010519491231002X') // '110105********002X'
 */
export function maskValue(kind: PiiKind, value: string): string {
  checkKinds([kind]);
  return MASKERS[kind](value) ?? stars(value);
}
