import { contentKey, type LabelConfig } from '@laoshi/core';

// What cleaning reads in a task's data: its text (every string outside the media keys), its
// image reference, and a canonical form whose hash finds exact duplicates.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The data keys of image objects in the label config (`$image` → `image`). */
export function imageKeysOf(config: LabelConfig): string[] {
  return config.objects.filter((o) => o.type === 'image').map((o) => o.value.replace(/^\$/, ''));
}

/** The data keys that hold media references (images, video, audio), which are not text. */
export function mediaKeysOf(config: LabelConfig): Set<string> {
  return new Set(config.objects.filter((o) => o.type === 'image' || o.type === 'video' || o.type === 'audio').map((o) => o.value.replace(/^\$/, '')));
}

const MEDIA_REF = /^\/api\/media\/(\d{1,10})$/;

/** The media id a task value points at (`/api/media/12` → 12), or null. */
export function mediaIdOf(value: unknown): number | null {
  const m = typeof value === 'string' ? MEDIA_REF.exec(value) : null;
  return m ? Number(m[1]) : null;
}

/** Every stored-media id the data points at, anywhere in it. */
export function mediaIdsIn(value: Json, out: Set<number> = new Set()): Set<number> {
  if (typeof value === 'string') {
    const id = mediaIdOf(value);
    if (id !== null) out.add(id);
  } else if (Array.isArray(value)) value.forEach((v) => mediaIdsIn(v, out));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => mediaIdsIn(v, out));
  return out;
}

/** Calls `visit` with every string outside the media keys and its path (`dialog[2].content`). */
export function visitText(data: Record<string, Json>, mediaKeys: ReadonlySet<string>, visit: (text: string, path: string) => void): void {
  const walk = (value: Json, path: string) => {
    if (typeof value === 'string') visit(value, path);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  for (const [key, value] of Object.entries(data)) if (!mediaKeys.has(key)) walk(value, key);
}

/** Longest text the near-duplicate finder shingles per task: the head of a long document decides. */
export const MAX_COMPARED_CHARS = 20_000;

/** The task's text for near-duplicate comparison: its strings joined by newlines (media references and URLs left out). */
export function textOf(data: Record<string, Json>, mediaKeys: ReadonlySet<string>): string {
  const parts: string[] = [];
  let length = 0;
  visitText(data, mediaKeys, (text) => {
    if (length >= MAX_COMPARED_CHARS || mediaIdOf(text) !== null || /^(https?|s3|gs|data):/i.test(text)) return;
    parts.push(text);
    length += text.length + 1;
  });
  return parts.join('\n').slice(0, MAX_COMPARED_CHARS);
}

/**
 * The data in a canonical form: keys sorted, strings as `contentKey` gives them (NFKC, spaces
 * folded), and references to stored media replaced by the file's SHA-256, so the same image
 * uploaded twice makes two exact duplicates.
 */
export function canonicalContent(value: Json, shaOfMedia: (id: number) => string | undefined): string {
  if (typeof value === 'string') {
    const id = mediaIdOf(value);
    const sha = id === null ? undefined : shaOfMedia(id);
    return JSON.stringify(sha === undefined ? contentKey(value) : `media:${sha}`);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalContent(v, shaOfMedia)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalContent(value[k]!, shaOfMedia)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A short plain-text preview of a task (never HTML). */
export function previewText(data: Record<string, Json>, mediaKeys: ReadonlySet<string>): string {
  const text = textOf(data, mediaKeys).replace(/\s+/g, ' ').trim();
  return text.length > 140 ? `${text.slice(0, 140)}…` : text;
}
