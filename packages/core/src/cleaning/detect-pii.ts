import { findBankCards } from './bank-card.js';
import { findChinaIds } from './china-id.js';
import { findEmails } from './email-addresses.js';
import { findIpv4, findIpv6 } from './ip-addresses.js';
import { findLandlines, findMobileNumbers } from './phone-numbers.js';
import { checkKinds, PII_KINDS, type PiiKind, type PiiMatch } from './pii-kinds.js';

export interface DetectPiiOptions {
  /** Kinds to look for; all of `PII_KINDS` when absent. */
  kinds?: readonly PiiKind[];
  /** "Today" for the not-in-the-future check of ID birth dates; defaults to the current time. */
  today?: Date;
}

const DETECTORS: Record<PiiKind, (text: string, today: Date) => PiiMatch[]> = {
  email: findEmails,
  cn_id: findChinaIds,
  mobile: findMobileNumbers,
  landline: findLandlines,
  bank_card: findBankCards,
  ipv6: findIpv6,
  ipv4: findIpv4,
};

const PRIORITY = new Map<PiiKind, number>(PII_KINDS.map((kind, i) => [kind, i]));

/**
 * Personal data in `text`, sorted by start, never overlapping. Offsets are UTF-16 indices.
 *
 * Boundaries: a number is never cut out of a longer run of ASCII digits (a 19-digit run is
 * neither an 18-digit ID nor an 11-digit phone); each detector documents its own edges. Only
 * ASCII digits count: full-width digits (０-９) are not detected — run `text.normalize('NFKC')`
 * first if they matter, remembering that offsets then refer to the normalised text.
 *
 * Overlaps: when candidates of different detectors overlap, the longer span wins; on equal
 * length the kind earlier in `PII_KINDS` wins (email, cn_id, mobile, landline, bank_card, ipv6,
 * ipv4 — so an 18-digit number that is both a valid ID and Luhn-valid is an ID, and a phone in an
 * e-mail's local part is part of the e-mail); then the earlier start. Overlaps are resolved only
 * among the kinds requested. Throws CleaningError on an unknown kind, never on the text.
 * @example detectPii('电话 138-0013-8000') // [{ kind: 'mobile', start: 3, end: 16, value: '138-0013-8000' }]
 */
export function detectPii(text: string, options: DetectPiiOptions = {}): PiiMatch[] {
  const kinds = checkKinds(options.kinds);
  const today = options.today ?? new Date();
  const candidates = PII_KINDS.filter((kind) => kinds.has(kind)).flatMap((kind) => DETECTORS[kind](text, today));
  candidates.sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) || PRIORITY.get(a.kind)! - PRIORITY.get(b.kind)! || a.start - b.start,
  );
  // Kept spans stay sorted and disjoint, so their ends are sorted too and one binary search finds
  // the only span that could overlap a candidate.
  const kept: PiiMatch[] = [];
  for (const candidate of candidates) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (kept[mid]!.end <= candidate.start) lo = mid + 1;
      else hi = mid;
    }
    const next = kept[lo];
    if (next === undefined || next.start >= candidate.end) kept.splice(lo, 0, candidate);
  }
  return kept;
}
