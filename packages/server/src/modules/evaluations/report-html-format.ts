import escapeHtml from 'escape-html';

/** Markup that is safe to place in the document as it is: built by `html`, never from data. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What may be interpolated into `html`: text is escaped, Html passes through, empty things vanish. */
export type HtmlPart = Html | string | number | null | undefined | false | readonly HtmlPart[];

const isList = (part: HtmlPart): part is readonly HtmlPart[] => Array.isArray(part);

function render(part: HtmlPart): string {
  if (part instanceof Html) return part.text;
  if (isList(part)) return part.map(render).join('');
  if (part === null || part === undefined || part === false) return '';
  return escapeHtml(String(part));
}

/**
 * Template tag for markup: every interpolated string or number is escaped (safe in text and in
 * quoted attributes), so data can only ever become text.
 * @example html`<td title="${label}">${label}</td>` // label "<b>" gives &lt;b&gt;
 */
export function html(strings: TemplateStringsArray, ...parts: HtmlPart[]): Html {
  let out = strings[0] as string;
  parts.forEach((part, i) => {
    out += render(part) + (strings[i + 1] as string);
  });
  return new Html(out);
}

export const DASH = '—';

/** True for a number that can be shown: finite and not COCO's -1 ("no ground truth in this range"). */
export const isShown = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value !== -1;

/** A metric with 3 decimals; null, -1 and non-finite values as "—". */
export const metric = (value: number | null | undefined): string => (isShown(value) ? value.toFixed(3) : DASH);

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A count with thousands separators. */
export const count = (value: number): string => (Number.isFinite(value) ? integer.format(value) : DASH);

export type DeltaTone = 'up' | 'down' | 'same' | 'none';

/** b − a with a sign, 3 decimals; "—" when either side is missing. Changes under 0.0005 round to ±0.000 and count as the same. */
export function delta(a: number | null | undefined, b: number | null | undefined): { text: string; tone: DeltaTone } {
  if (!isShown(a) || !isShown(b)) return { text: DASH, tone: 'none' };
  const d = b - a;
  if (Math.abs(d) < 0.0005) return { text: '±0.000', tone: 'same' };
  return { text: `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(3)}`, tone: d > 0 ? 'up' : 'down' };
}

/** A timestamp in UTC, the same wherever the server runs: "2024-05-01 12:00:00 UTC". */
export function utcTime(ms: number): string {
  if (!Number.isFinite(ms)) return DASH;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A duration: "850 ms" below a second, "12.3 s" below a minute, then "4 min 05 s". */
export function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** Shortens text for a chart axis to `max` characters (the full text goes in a <title>). */
export const shorten = (text: string, max: number): string => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);

/** Rough width in pixels of text at 12px: wide (CJK) characters count double. */
export const textWidth = (text: string): number =>
  [...text].reduce((sum, ch) => sum + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 12 : 7), 0);
