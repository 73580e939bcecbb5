import { framesOf } from './frames-of.js';
import { keyframeIndexAt } from './interpolate-track.js';
import { boundingBoxInPixels, type PixelBox } from './mot-writer.js';
import type { FrameRange, PointsShape, RectangleShape, Track, TrackShape } from './track-types.js';

/** One video's tracks, ready to be written frame by frame. */
export interface VideoTracks {
  /** Names the video in the output (its file name); frame files are `<stem>/frame_000001.jpg`. */
  name: string;
  width: number;
  height: number;
  /** The frames to write, inclusive (1-based for Label Studio tracks). */
  frames: FrameRange;
  /** Tracks carry their label; polyline tracks have no area and are left out of COCO and YOLO. */
  tracks: readonly Track[];
}

export interface VideoCocoOptions {
  /** Category order: label i gets id i + 1 (pass the label config's labels); others follow as met. */
  labels?: readonly string[];
  /** Decimal places for pixel values; default 2. */
  decimals?: number;
}

/** `clip.mp4` → `clip`; the folder the frame images of a video are named under. */
export function videoStem(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1) || 'video';
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).replace(/[^\p{L}\p{N}_.-]+/gu, '_');
}

/** `<stem>/frame_000042.jpg`: the file name of a frame (6 digits, as ffmpeg's `frame_%06d.jpg`). */
export function frameFileName(stem: string, frame: number): string {
  return `${stem}/frame_${String(frame).padStart(6, '0')}.jpg`;
}

/** The axis-aligned bounds of a track shape in pixels. */
export function shapeBounds(shape: TrackShape, width: number, height: number): PixelBox {
  if ('x' in shape) return boundingBoxInPixels(shape, width, height);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of shape.points) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const [sx, sy] = [width / 100, height / 100];
  return { left: minX * sx, top: minY * sy, width: (maxX - minX) * sx, height: (maxY - minY) * sy };
}

function polygonPixels(shape: PointsShape, width: number, height: number): number[] {
  const out: number[] = [];
  for (const [x, y] of shape.points) out.push((x * width) / 100, (y * height) / 100);
  return out;
}

function shoelace(flat: readonly number[]): number {
  let sum = 0;
  const n = flat.length / 2;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    sum += flat[2 * i]! * flat[2 * j + 1]! - flat[2 * j]! * flat[2 * i + 1]!;
  }
  return Math.abs(sum) / 2;
}

/**
 * Writes video tracks as one COCO instances file with an image per frame, in chunks: the box or
 * polygon of every track on every frame it is in view, interpolated between keyframes (see
 * framesOf). Frame f of the v-th video (frames numbered from `frames.from`) is image id
 * `offset + f − from + 1`, named `frameFileName(stem, f)`, with `video_id` and `frame_id`; a
 * `videos` array lists the videos. Annotations are written track by track, each with
 * `attributes: { track_id, keyframe, rotation }` as CVAT writes them: `track_id` numbers the tracks
 * of the whole file from 1, `keyframe` marks frames the annotator set. Rotated boxes become their
 * axis-aligned bounds (COCO has no rotation). Polyline tracks are left out.
 * @example for await (const chunk of writeVideoCoco(videos, { labels })) out.write(chunk);
 */
export async function* writeVideoCoco(videos: AsyncIterable<VideoTracks> | Iterable<VideoTracks>, options: VideoCocoOptions = {}): AsyncGenerator<string, void, undefined> {
  const decimals = options.decimals ?? 2;
  const scale = 10 ** decimals;
  const n = (v: number) => Math.round(v * scale) / scale + 0;
  const categories = new Map<string, number>();
  options.labels?.forEach((l) => { if (!categories.has(l)) categories.set(l, categories.size + 1); });
  const seen: { stem: string; video: VideoTracks; offset: number }[] = [];
  let offset = 0;
  let annotationId = 0;
  let trackId = 0;
  yield '{"annotations":[';
  for await (const video of videos) {
    const from = Math.ceil(video.frames.from);
    const count = Math.max(0, Math.floor(video.frames.to) - from + 1);
    seen.push({ stem: videoStem(video.name), video, offset });
    for (const track of video.tracks) {
      if (track.kind === 'polyline') continue;
      trackId++;
      const label = track.label ?? '';
      if (!categories.has(label)) categories.set(label, categories.size + 1);
      const category = categories.get(label)!;
      const keyframes = track.keyframes;
      let chunk = '';
      for (const { frame, shape } of framesOf(track, video.frames)) {
        const image = offset + frame - from + 1;
        const keyframe = keyframes[keyframeIndexAt(keyframes, frame)]?.frame === frame;
        const rotation = 'x' in shape ? n((shape as RectangleShape).rotation) : 0;
        const b = shapeBounds(shape, video.width, video.height);
        let segmentation = '[]';
        let area = b.width * b.height;
        if ('points' in shape) {
          const flat = polygonPixels(shape, video.width, video.height);
          area = shoelace(flat);
          segmentation = `[[${flat.map(n).join(',')}]]`;
        }
        chunk += `${annotationId++ > 0 ? ',' : ''}{"id":${annotationId},"image_id":${image},"category_id":${category},"bbox":[${n(b.left)},${n(b.top)},${n(b.width)},${n(b.height)}],"area":${n(area)},"iscrowd":0,"segmentation":${segmentation},"attributes":{"track_id":${trackId},"keyframe":${keyframe},"rotation":${rotation}}}`;
        if (chunk.length > 65_536) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk !== '') yield chunk;
    }
    offset += count;
  }
  yield '],"videos":[';
  yield seen.map((s, i) => JSON.stringify({ id: i + 1, file_name: s.video.name, width: s.video.width, height: s.video.height, frames: Math.max(0, Math.floor(s.video.frames.to) - Math.ceil(s.video.frames.from) + 1) })).join(',');
  yield '],"images":[';
  let first = true;
  for (const [v, s] of seen.entries()) {
    const from = Math.ceil(s.video.frames.from);
    const to = Math.floor(s.video.frames.to);
    const head = `,"width":${s.video.width},"height":${s.video.height},"video_id":${v + 1},"frame_id":`;
    let chunk = '';
    for (let f = from; f <= to; f++) {
      chunk += `${first ? '' : ','}{"id":${s.offset + f - from + 1},"file_name":${JSON.stringify(frameFileName(s.stem, f))}${head}${f}}`;
      first = false;
      if (chunk.length > 65_536) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk !== '') yield chunk;
  }
  const list = [...categories].map(([name, id]) => ({ id, name, supercategory: '' }));
  yield `],"categories":${JSON.stringify(list)}}\n`;
}
