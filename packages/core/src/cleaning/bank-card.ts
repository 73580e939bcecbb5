import type { PiiMatch } from './pii-kinds.js';

/** Whether a string of ASCII digits passes the Luhn (mod 10) check; false for anything else. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

interface Group {
  start: number;
  end: number;
  /** The separator before this group ('' for the first group of a run). */
  before: string;
}

const MIN_DIGITS = 13;
const MAX_DIGITS = 19;

/** Groups i..j as a card, if they form one: one plain run, or 3–6-digit groups with one separator. */
function cardAt(text: string, groups: readonly Group[], i: number, j: number): PiiMatch | undefined {
  const first = groups[i]!;
  const last = groups[j]!;
  let digits = '';
  for (let g = i; g <= j; g++) {
    const group = groups[g]!;
    const length = group.end - group.start;
    if (j > i && (length < 3 || length > 6)) return undefined;
    if (g > i + 1 && group.before !== groups[i + 1]!.before) return undefined;
    digits += text.slice(group.start, group.end);
  }
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS || !isLuhnValid(digits)) return undefined;
  return { kind: 'bank_card', start: first.start, end: last.end, value: text.slice(first.start, last.end) };
}

/**
 * Bank card numbers in `text`: 13–19 Luhn-valid digits, either one whole run of ASCII digits or
 * several groups of 3–6 digits joined by single spaces or single hyphens (one kind per number).
 * Groups are whole digit runs, so a card is never cut out of a longer run. Where two readings of
 * the same groups overlap (in "287 4111 1111 1111 1111" both "287 4111 1111 1111" and
 * "4111 1111 1111 1111" pass the Luhn check), the match covers both: for redaction, masking a
 * neighbouring group too is better than leaving part of a card in the clear.
 */
export function findBankCards(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  const runs = /(?<!\d)\d+(?:[ -]\d+)*(?!\d)/g;
  for (let m = runs.exec(text); m !== null; m = runs.exec(text)) {
    const groups: Group[] = [];
    const part = /(?<sep>[ -]?)(?<digits>\d+)/g;
    for (let p = part.exec(m[0]); p !== null; p = part.exec(m[0])) {
      const start = m.index + p.index + p.groups!.sep!.length;
      groups.push({ start, end: start + p.groups!.digits!.length, before: p.groups!.sep! });
    }
    // Every reading, as a range of groups, in order of its first group; overlapping ones are merged.
    let open: { from: number; to: number } | undefined;
    const close = () => {
      if (!open) return;
      const start = groups[open.from]!.start;
      const end = groups[open.to]!.end;
      found.push({ kind: 'bank_card', start, end, value: text.slice(start, end) });
      open = undefined;
    };
    for (let i = 0; i < groups.length; i++) {
      // At most 19 digits, so with groups of ≥ 3 digits no card spans more than 6 groups.
      for (let j = i; j < Math.min(groups.length, i + 7); j++) {
        if (cardAt(text, groups, i, j) === undefined) continue;
        if (open && i <= open.to) open.to = Math.max(open.to, j);
        else {
          close();
          open = { from: i, to: j };
        }
      }
    }
    close();
  }
  return found;
}
