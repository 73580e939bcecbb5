import { execFile } from 'node:child_process';
import fsp from 'node:fs/promises';
import type { Metadata } from 'sharp';
import { loadSharp } from '../../lazy/load-sharp.js';
import { LaoshiError } from '../../errors.js';
import { SHARP_IMAGES } from './media-types.js';

/** Largest image decoded, in pixels (width × height): 20,000 × 10,000. Bigger ones are refused unread. */
export const MAX_IMAGE_PIXELS = 200_000_000;
export const THUMBNAIL_SIZE = 256;

export interface ImageFacts {
  width: number;
  height: number;
  /** A WebP thumbnail, or null where sharp cannot decode the type (BMP). */
  thumbnail: Buffer | null;
}

const badFile = (fileName: string, why: string): LaoshiError => new LaoshiError(400, 'LAOSHI_BAD_FILE', `${fileName}: ${why}`, 'file');

/** BMP headers hold width and height at fixed offsets; sharp has no BMP decoder. */
async function bmpSize(file: string): Promise<{ width: number; height: number } | null> {
  const handle = await fsp.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(26), 0, 26, 0);
    if (bytesRead < 26) return null;
    return { width: Math.abs(buffer.readInt32LE(18)), height: Math.abs(buffer.readInt32LE(22)) };
  } finally {
    await handle.close();
  }
}

/**
 * Width, height and a thumbnail of an image file. The size is read from the header first and
 * an image over `maxPixels` is refused before any pixel is decoded (decompression bombs).
 */
export async function probeImage(file: string, contentType: string, fileName: string, maxPixels = MAX_IMAGE_PIXELS): Promise<ImageFacts> {
  const tooBig = (w: number, h: number) => badFile(fileName, `the image is ${w}×${h} pixels, more than the ${maxPixels.toLocaleString('en')} pixels allowed`);
  if (contentType === 'image/bmp') {
    const size = await bmpSize(file);
    if (!size || size.width === 0 || size.height === 0) throw badFile(fileName, 'not a readable BMP image');
    if (size.width * size.height > maxPixels) throw tooBig(size.width, size.height);
    return { ...size, thumbnail: null };
  }
  if (!SHARP_IMAGES.has(contentType)) throw badFile(fileName, `${contentType} images are not supported`);
  let meta: Metadata;
  try {
    meta = await (await loadSharp())(file, { limitInputPixels: false, pages: 1 }).metadata();
  } catch {
    throw badFile(fileName, 'the image cannot be read (damaged or not an image)');
  }
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) throw badFile(fileName, 'the image has no size');
  if (width * height > maxPixels) throw tooBig(width, height);
  try {
    const sharp = await loadSharp();
    const thumbnail = await sharp(file, { limitInputPixels: maxPixels, pages: 1 })
      .autoOrient()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return { width, height, thumbnail };
  } catch {
    throw badFile(fileName, 'the image cannot be decoded (damaged or truncated)');
  }
}

export interface AvFacts {
  duration: number | null;
  width: number | null;
  height: number | null;
  /** Frames per second and frame count of the first video stream (video only; the editor and video exports number frames by them). */
  frameRate?: number;
  frameCount?: number;
  /** Set when the file could not be probed, saying why (e.g. ffprobe missing). */
  probeError?: string;
}

/**
 * Duration (and frame size for video) from ffprobe. Where ffprobe is not installed the facts are
 * unknown and `probeError` says so: media still imports, only without a duration.
 */
export function probeAudioVideo(file: string, ffprobe = 'ffprobe', timeoutMs = 30_000): Promise<AvFacts> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file];
  return new Promise((resolve) => {
    execFile(ffprobe, args, { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 }, (err, stdout) => {
      if (err) {
        const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
        resolve({ duration: null, width: null, height: null, probeError: missing ? 'ffprobe is not installed (Debian: apt-get install ffmpeg); duration unknown' : 'ffprobe could not read the file' });
        return;
      }
      try {
        const out = JSON.parse(stdout) as { format?: { duration?: string }; streams?: { codec_type?: string; width?: number; height?: number; avg_frame_rate?: string; r_frame_rate?: string; nb_frames?: string }[] };
        const video = out.streams?.find((s) => s.codec_type === 'video');
        const duration = Number(out.format?.duration);
        const facts: AvFacts = { duration: Number.isFinite(duration) ? duration : null, width: video?.width ?? null, height: video?.height ?? null };
        const frameRate = rate(video?.avg_frame_rate) ?? rate(video?.r_frame_rate);
        if (frameRate !== undefined) {
          facts.frameRate = frameRate;
          const counted = Number(video?.nb_frames);
          const frames = Number.isInteger(counted) && counted > 0 ? counted : facts.duration !== null ? Math.round(facts.duration * frameRate) : 0;
          if (frames > 0) facts.frameCount = frames;
        }
        resolve(facts);
      } catch {
        resolve({ duration: null, width: null, height: null, probeError: 'ffprobe gave no readable answer' });
      }
    });
  });
}

/** ffprobe's `30000/1001` (or `25`) as a number; undefined for `0/0` and nonsense. */
function rate(text: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(?:\/(\d+))?$/.exec(text ?? '');
  if (!m) return undefined;
  const value = Number(m[1]) / Number(m[2] ?? 1);
  return Number.isFinite(value) && value > 0 && value <= 1000 ? value : undefined;
}
