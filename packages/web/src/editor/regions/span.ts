import type { Region, SpanGeometry } from '../types.js';

// Text spans: UTF-16 offsets into the task text, half-open, exactly as Label Studio counts them.
// The text view draws them as segments: the text cut at every span boundary, each piece knowing
// which spans cover it, so overlapping spans nest without any HTML built from data.

/** A problem with the span on `text`, or undefined when it is valid. */
export function validateSpan(g: SpanGeometry, text: string): string | undefined {
  if (!Number.isInteger(g.start) || !Number.isInteger(g.end)) return 'span offsets must be whole numbers';
  if (g.start < 0 || g.end > text.length) return `span ${g.start}..${g.end} is outside the text (length ${text.length})`;
  if (g.end <= g.start) return `span ${g.start}..${g.end} is empty`;
  return undefined;
}

const WORD = /[\p{L}\p{N}_]/u;

/**
 * The span widened to whole words (granularity "word") and with surrounding whitespace trimmed;
 * a selection that covers only whitespace gives undefined.
 */
export function normaliseSpan(text: string, start: number, end: number, granularity: 'symbol' | 'word' = 'symbol'): SpanGeometry | undefined {
  let [s, e] = [Math.max(0, Math.min(start, end)), Math.min(text.length, Math.max(start, end))];
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  if (e <= s) return undefined;
  if (granularity === 'word') {
    while (s > 0 && WORD.test(text[s - 1] as string) && WORD.test(text[s] as string)) s--;
    while (e < text.length && WORD.test(text[e] as string) && WORD.test(text[e - 1] as string)) e++;
  }
  return { kind: 'span', start: s, end: e, text: text.slice(s, e) };
}

/** A piece of text and the ids of the spans covering it, innermost (shortest) last. */
export interface TextSegment {
  start: number;
  end: number;
  text: string;
  spans: readonly string[];
}

/** The text cut at every boundary of the given span regions (hidden ones are left out). */
export function spanSegments(text: string, regions: Iterable<Region>): TextSegment[] {
  const spans: { id: string; start: number; end: number }[] = [];
  for (const r of regions) {
    if (r.geometry.kind === 'span' && !r.hidden) spans.push({ id: r.id, start: r.geometry.start, end: r.geometry.end });
  }
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(text.length, s.start)));
    cuts.add(Math.max(0, Math.min(text.length, s.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  // Longer spans first, so the innermost span ends up last and is drawn on top.
  spans.sort((a, b) => b.end - b.start - (a.end - a.start));
  const segments: TextSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i] as number, points[i + 1] as number];
    const covering = spans.filter((s) => s.start <= start && s.end >= end).map((s) => s.id);
    segments.push({ start, end, text: text.slice(start, end), spans: covering });
  }
  return segments;
}
