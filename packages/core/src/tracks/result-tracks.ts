import { trackFromVideoPolygon, type VideoPolygonValue } from './label-studio-polygon-tracks.js';
import { trackFromVideoRectangle, type VideoRectangleValue } from './label-studio-tracks.js';
import type { Track } from './track-types.js';

/** A track read from a result item, with where it came from. */
export interface ResultTrack {
  track: Track;
  /** The control (`from_name`) and the video object (`to_name`). */
  control: string;
  object: string;
  /** `framesCount` and `duration` of the value, when it carries them. */
  framesCount?: number;
  duration?: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The video tracks of a Label Studio result: every `videorectangle` and `videopolygon` item with a
 * non-empty sequence, in result order. Other items are skipped; so are malformed sequences (the
 * result was validated when it was saved, so they are not expected).
 * @example tracksOfResult(annotation.result).map((t) => t.track.keyframes.length)
 */
export function tracksOfResult(items: readonly unknown[]): ResultTrack[] {
  const out: ResultTrack[] = [];
  for (const item of items) {
    if (!isRecord(item) || !isRecord(item.value) || !Array.isArray(item.value.sequence) || item.value.sequence.length === 0) continue;
    const id = String(item.id);
    let track: Track;
    if (item.type === 'videorectangle') track = trackFromVideoRectangle(id, item.value as unknown as VideoRectangleValue);
    else if (item.type === 'videopolygon') track = trackFromVideoPolygon(id, item.value as unknown as VideoPolygonValue);
    else continue;
    const entry: ResultTrack = { track, control: String(item.from_name), object: String(item.to_name) };
    if (typeof item.value.framesCount === 'number') entry.framesCount = item.value.framesCount;
    if (typeof item.value.duration === 'number') entry.duration = item.value.duration;
    out.push(entry);
  }
  return out;
}

/**
 * The last frame a set of tracks needs: the largest `framesCount` they carry, else the last
 * keyframe of any of them (an enabled last keyframe is then held up to there and no further).
 */
export function lastFrameOf(tracks: readonly ResultTrack[]): number {
  let last = 0;
  let counted = 0;
  for (const t of tracks) {
    if (t.framesCount !== undefined) counted = Math.max(counted, t.framesCount);
    const k = t.track.keyframes[t.track.keyframes.length - 1];
    if (k !== undefined) last = Math.max(last, k.frame);
  }
  return counted > 0 ? counted : last;
}
