/** Where a video's frame rate came from, in the order they are tried. */
export type FrameRateSource = 'task' | 'config' | 'media' | 'default';

/** Label Studio's frame rate when nothing says otherwise. */
export const DEFAULT_FRAME_RATE = 24;

const positive = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 && n <= 1000 ? n : undefined;
};

/** A frame rate given in task data (`fps`, `frameRate` or `frame_rate`, a number or numeric text). */
export function taskFrameRate(data: Readonly<Record<string, unknown>>): number | undefined {
  return positive(data.fps) ?? positive(data.frameRate) ?? positive(data.frame_rate);
}

/**
 * The frame rate frames are numbered by — the same in the editor and in exports, so frame numbers
 * never disagree: the task data's, else the label config's `<Video frameRate>`, else the file's
 * own (ffprobe), else Label Studio's default of 24.
 * @example videoFrameRate({ fps: 30 }, 25, 29.97) // { fps: 30, source: 'task' }
 */
export function videoFrameRate(data: Readonly<Record<string, unknown>>, configRate?: number, mediaRate?: number): { fps: number; source: FrameRateSource } {
  const task = taskFrameRate(data);
  if (task !== undefined) return { fps: task, source: 'task' };
  if (positive(configRate) !== undefined) return { fps: configRate as number, source: 'config' };
  if (positive(mediaRate) !== undefined) return { fps: mediaRate as number, source: 'media' };
  return { fps: DEFAULT_FRAME_RATE, source: 'default' };
}
