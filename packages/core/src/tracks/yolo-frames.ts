import { framesOf } from './frames-of.js';
import type { FrameShape, ShapeOf, Track } from './track-types.js';
import { shapeBounds, type VideoTracks } from './video-coco-writer.js';

export interface YoloFramesOptions {
  /** Class names in class-id order; a track with another label (or none) is an error. */
  labels: readonly string[];
  /** Decimal places of the normalised values; default 6. */
  decimals?: number;
}

/** One frame's YOLO label file. */
export interface YoloFrame {
  frame: number;
  /** Lines `class cx cy w h` (boxes) and `class x1 y1 … xn yn` (polygons); empty on a frame with nothing in view. */
  text: string;
}

/**
 * The YOLO label file of every frame of a video, in frame order (frames with nothing in view
 * give an empty file: a background image to YOLO). Boxes are interpolated between keyframes; a
 * rotated box is written as its axis-aligned bounds, clipped to the frame like the image writer
 * does; polygon tracks as segmentation lines; polyline tracks are left out. Throws a RangeError
 * naming a track whose label is not a class.
 * @example for (const { frame, text } of yoloFrames(video, { labels })) zip.add(`labels/${frame}.txt`, text);
 */
export function* yoloFrames(video: VideoTracks, options: YoloFramesOptions): Generator<YoloFrame, void, undefined> {
  const ids = new Map(options.labels.map((l, i) => [l, i] as const));
  const scale = 10 ** (options.decimals ?? 6);
  const n = (v: number) => String(Math.round(Math.min(1, Math.max(0, v)) * scale) / scale + 0);
  const tracks = video.tracks.filter((t) => t.kind !== 'polyline');
  const classes = tracks.map((t) => {
    const cls = ids.get(t.label ?? '');
    if (cls === undefined) throw new RangeError(`track "${t.id}" has label "${t.label ?? ''}", which is not one of the classes`);
    return cls;
  });
  const walkers = tracks.map((t) => framesOf(t, video.frames));
  const heads: IteratorResult<FrameShape<ShapeOf<Track>>, void>[] = walkers.map((w) => w.next());
  const { width, height } = video;
  for (let frame = Math.ceil(video.frames.from); frame <= video.frames.to; frame++) {
    let text = '';
    for (let j = 0; j < walkers.length; j++) {
      const head = heads[j]!;
      if (head.done === true || head.value.frame !== frame) continue;
      const shape = head.value.shape;
      if ('points' in shape) {
        text += `${classes[j]} ${shape.points.map(([x, y]) => `${n(x / 100)} ${n(y / 100)}`).join(' ')}\n`;
      } else {
        const b = shapeBounds(shape, width, height);
        const [left, top] = [Math.max(0, b.left), Math.max(0, b.top)];
        const [w, h] = [Math.max(0, Math.min(width, b.left + b.width) - left), Math.max(0, Math.min(height, b.top + b.height) - top)];
        text += `${classes[j]} ${n((left + w / 2) / width)} ${n((top + h / 2) / height)} ${n(w / width)} ${n(h / height)}\n`;
      }
      heads[j] = walkers[j]!.next();
    }
    yield { frame, text };
  }
}
