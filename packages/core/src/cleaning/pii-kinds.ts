import { CleaningError } from './cleaning-error.js';

/**
 * The kinds of personal data `detectPii` finds. The order is also the priority used when two
 * detectors claim spans of the same length that overlap (see `detectPii`).
 */
export const PII_KINDS = ['email', 'cn_id', 'mobile', 'landline', 'bank_card', 'ipv6', 'ipv4'] as const;

/** One kind of personal data. */
export type PiiKind = (typeof PII_KINDS)[number];

/** A piece of personal data found in a text: `text.slice(start, end) === value` (UTF-16 offsets). */
export interface PiiMatch {
  kind: PiiKind;
  start: number;
  end: number;
  value: string;
}

/** The placeholder each kind gets in `redactPii(text, { mask: 'label' })`. */
export const PII_LABELS: Readonly<Record<PiiKind, string>> = {
  email: '[EMAIL]',
  cn_id: '[ID]',
  mobile: '[PHONE]',
  landline: '[PHONE]',
  bank_card: '[CARD]',
  ipv6: '[IP]',
  ipv4: '[IP]',
};

/** The requested kinds, checked; all kinds when none are given. Throws CleaningError on an unknown kind. */
export function checkKinds(kinds: readonly PiiKind[] | undefined): ReadonlySet<PiiKind> {
  if (kinds === undefined) return new Set(PII_KINDS);
  for (const kind of kinds) {
    if (!(PII_KINDS as readonly string[]).includes(kind)) {
      throw new CleaningError(`unknown PII kind "${String(kind)}": use ${PII_KINDS.join(', ')}`);
    }
  }
  return new Set(kinds);
}

/** Every match of a global regex, as spans of one kind; `accept` filters on the match. */
export function regexMatches(
  text: string,
  pattern: RegExp,
  kind: PiiKind,
  accept: (match: RegExpExecArray) => boolean = () => true,
): PiiMatch[] {
  const found: PiiMatch[] = [];
  // A fresh regex per call: a shared global regex keeps `lastIndex` between calls.
  const regex = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0].length === 0) {
      regex.lastIndex += 1;
      continue;
    }
    if (accept(m)) found.push({ kind, start: m.index, end: m.index + m[0].length, value: m[0] });
  }
  return found;
}
