import type { MediaKind } from '../../db/schema.js';

// Types a browser may show inline from our origin: raster images, video and audio it decodes
// itself. Everything else — HTML, SVG (scripts), PDF, text, unknown — is sent as an attachment.
const INLINE = new Set([
  'image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif', 'image/bmp',
  'video/mp4', 'video/webm', 'video/ogg', 'video/quicktime',
  'audio/mpeg', 'audio/ogg', 'audio/wav', 'audio/webm', 'audio/flac', 'audio/mp4', 'audio/aac', 'audio/x-m4a',
]);

/** Raster images that sharp decodes for size and thumbnail. */
export const SHARP_IMAGES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/tiff', 'image/avif']);

/** True when media of this (sniffed) type may be shown inline. */
export const isInlineSafe = (contentType: string): boolean => INLINE.has(contentType);

/** The kind of media for a sniffed content type. */
export function mediaKindOf(contentType: string): MediaKind {
  if (contentType.startsWith('image/') && contentType !== 'image/svg+xml') return 'image';
  if (contentType.startsWith('video/')) return 'video';
  if (contentType.startsWith('audio/')) return 'audio';
  return 'other';
}

/** A file name safe for a Content-Disposition header (RFC 6266 with an RFC 5987 UTF-8 form). */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
