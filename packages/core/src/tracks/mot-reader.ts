import { keyframesFromFrames } from './keyframes-from-frames.js';
import type { FrameShape, RectangleKeyframe, RectangleTrack } from './track-types.js';

/** A MOT file that cannot be read; `line` is 1-based. */
export class MotFormatError extends Error {
  override readonly name = 'MotFormatError';
  constructor(readonly line: number, problem: string) {
    super(`MOT line ${line}: ${problem}`);
  }
}

export interface MotReadOptions {
  videoWidth: number;
  videoHeight: number;
  /**
   * Class names by class id (`labels[0]` is class 1), as CVAT's `gt/labels.txt` lists them; a
   * row's 8th column picks one. Without them (or for class −1/0) tracks carry no label.
   */
  labels?: readonly string[];
  /** Rows with `conf` 0 are MOT's "ignore" boxes; they are kept only with `keepIgnored`. */
  keepIgnored?: boolean;
  /** Keyframe tolerance in pixels (see keyframesFromFrames); default half a pixel. */
  tolerancePixels?: number;
  /** Most rows read; default 5,000,000. */
  maxRows?: number;
}

const NUMBER = /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/**
 * Reads a MOT-challenge file (`gt/gt.txt`, as CVAT's "MOT 1.1" and the MOT benchmarks write it:
 * `frame,id,left,top,width,height,conf,class,visibility[,…]`, pixels, 1-based frames) into box
 * tracks in percent, one per MOT id (`id` "mot-<id>"), ordered by id. Frames are kept as they
 * are (1-based, like Label Studio video frames). Each object's boxes become keyframes with
 * keyframesFromFrames, so a box given on every frame of a steady move needs two, and frames
 * where an object is missing become out-of-view gaps. Blank lines are skipped.
 * Throws MotFormatError naming the line of a malformed row.
 * @example readMot(text, { videoWidth: 1920, videoHeight: 1080, labels: ['car', 'person'] })
 */
export function readMot(text: string, options: MotReadOptions): RectangleTrack[] {
  const { videoWidth: w, videoHeight: h } = options;
  if (!(w > 0 && h > 0)) throw new RangeError(`video size must be positive, got ${w}×${h}`);
  const maxRows = options.maxRows ?? 5_000_000;
  const byId = new Map<number, { label: string | undefined; frames: FrameShape[] }>();
  let rows = 0;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (++rows > maxRows) throw new MotFormatError(i + 1, `more than ${maxRows} rows`);
    const cells = line.split(/\s*,\s*|\s+/);
    if (cells.length < 6) throw new MotFormatError(i + 1, `expected at least 6 comma-separated values (frame,id,left,top,width,height), got ${cells.length}`);
    const values = cells.slice(0, 9).map((c, k) => {
      if (!NUMBER.test(c)) throw new MotFormatError(i + 1, `value ${k + 1} ("${c.slice(0, 20)}") is not a number`);
      return Number(c);
    });
    const [frame, id, left, top, width, height] = values as [number, number, number, number, number, number];
    const conf = values[6] ?? 1;
    const cls = values[7] ?? -1;
    if (!Number.isInteger(frame) || frame < 1) throw new MotFormatError(i + 1, `frame must be a whole number ≥ 1, got ${frame}`);
    if (!Number.isInteger(id)) throw new MotFormatError(i + 1, `id must be a whole number, got ${id}`);
    if (width < 0 || height < 0) throw new MotFormatError(i + 1, `width and height cannot be negative (${width}×${height})`);
    if (conf === 0 && options.keepIgnored !== true) return;
    let entry = byId.get(id);
    if (entry === undefined) {
      const label = Number.isInteger(cls) && cls >= 1 ? options.labels?.[cls - 1] : undefined;
      if (options.labels && cls >= 1 && label === undefined) throw new MotFormatError(i + 1, `class ${cls} is not in the ${options.labels.length} labels`);
      byId.set(id, (entry = { label, frames: [] }));
    }
    entry.frames.push({ frame, shape: { x: (left / w) * 100, y: (top / h) * 100, width: (width / w) * 100, height: (height / h) * 100, rotation: 0 } });
  });
  // Half a pixel on the shorter percent scale: the interpolated box never strays a visible amount.
  const tolerance = ((options.tolerancePixels ?? 0.5) * 100) / Math.max(w, h);
  return [...byId.entries()].sort((a, b) => a[0] - b[0]).map(([id, { label, frames }]) => {
    const keyframes = keyframesFromFrames('rectangle', frames, { tolerance }) as RectangleKeyframe[];
    const track: RectangleTrack = { id: `mot-${id}`, kind: 'rectangle', keyframes };
    if (label !== undefined) track.label = label;
    return track;
  });
}

/** Class names from a CVAT `labels.txt` (one per line, blank lines skipped). */
export function readMotLabels(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}
