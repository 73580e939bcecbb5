import { detectPii, type DetectPiiOptions } from './detect-pii.js';
import { maskValue } from './mask-value.js';
import { CleaningError } from './cleaning-error.js';
import { PII_LABELS, type PiiMatch } from './pii-kinds.js';

/**
 * How `redactPii` replaces a match: 'char' puts one '*' per UTF-16 unit (every detected
 * character is a single unit, so the text keeps its length and the offsets of everything else);
 * 'label' puts `PII_LABELS[kind]`; 'partial' puts `maskValue(kind, value)`; a function gets the
 * match and returns its replacement.
 */
export type PiiMask = 'char' | 'label' | 'partial' | ((match: PiiMatch) => string);

export interface RedactPiiOptions extends DetectPiiOptions {
  /** Defaults to 'char'. */
  mask?: PiiMask;
}

export interface RedactPiiResult {
  text: string;
  /** What was replaced, with offsets and values in the original text. */
  found: PiiMatch[];
}

function replacer(mask: PiiMask): (match: PiiMatch) => string {
  if (typeof mask === 'function') return mask;
  if (mask === 'char') return (m) => '*'.repeat(m.end - m.start);
  if (mask === 'label') return (m) => PII_LABELS[m.kind];
  if (mask === 'partial') return (m) => maskValue(m.kind, m.value);
  throw new CleaningError(`unknown mask "${String(mask)}": use char, label, partial or a function`);
}

/**
 * `text` with the personal data `detectPii` finds replaced as `mask` says. WARNING: redact once,
 * from the original. Detection depends on neighbours, and masking changes them: in
 * `1.2.3.4.13800138000` only the phone is PII (1.2.3.4. reads as a version), but once it is
 * starred `1.2.3.4` stands alone and a second pass would take it.
 * @example redactPii('邮箱 a@b.cn', { mask: 'label' }).text // '邮箱 [EMAIL]'
 */
export function redactPii(text: string, options: RedactPiiOptions = {}): RedactPiiResult {
  const replace = replacer(options.mask ?? 'char');
  const found = detectPii(text, options);
  const parts: string[] = [];
  let at = 0;
  for (const match of found) {
    parts.push(text.slice(at, match.start), replace(match));
    at = match.end;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), found };
}
