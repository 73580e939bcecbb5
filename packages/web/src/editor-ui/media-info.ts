import type { MediaInfo } from '../editor/index.js';

/** Looks up what the server knows about a media URL (frame rate, frame count), or null. */
export type MediaInfoLookup = (url: string) => Promise<MediaInfo | null>;

const MEDIA_URL = /^\/api\/media\/(\d+)(?:[?#].*)?$/;
const positive = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);

/**
 * The default lookup: for media stored in Laoshi (`/api/media/:id`), its info route, whose `meta`
 * holds ffprobe's frame rate and frame count; nothing for other URLs (the browser's own duration
 * is used then).
 */
export const serverMediaInfo: MediaInfoLookup = async (url) => {
  const match = MEDIA_URL.exec(url);
  if (match === null || typeof fetch !== 'function') return null;
  const response = await fetch(`/api/media/${match[1]}/info`, { credentials: 'same-origin' });
  if (!response.ok) return null;
  const body = (await response.json()) as { width?: unknown; height?: unknown; duration?: unknown; meta?: { frameRate?: unknown; frameCount?: unknown } };
  return {
    width: positive(body.width), height: positive(body.height), duration: positive(body.duration),
    fps: positive(body.meta?.frameRate), frameCount: positive(body.meta?.frameCount),
  };
};
