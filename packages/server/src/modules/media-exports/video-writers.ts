import { frameFileName, motRows, videoStem, writeVideoCoco, yoloFrames, type RectangleTrack } from '@laoshi/core';
import { LaoshiError } from '../../errors.js';
import { iso } from '../exports/export-task.js';
import { zipArchive, type ZipEntry } from '../exports/writers/zip-writer.js';
import type { VideoTask } from './video-source.js';

// The video formats, each an async generator of chunks over the project's video tasks. Core does
// the format work (interpolation, COCO, MOT and YOLO rows); this file lays the files out.

/** The frames of each video, extracted with ffmpeg, match the names COCO and YOLO give them. */
const FRAMES_README = `Frames are named <video>/frame_000001.jpg (1-based, as the annotations number them).
Extract them with ffmpeg, for example:
  mkdir -p clip && ffmpeg -i clip.mp4 -start_number 1 clip/frame_%06d.jpg
`;

const unknownLabel = (task: VideoTask, label: string | undefined, labels: readonly string[]) =>
  new LaoshiError(422, 'LAOSHI_VALIDATION', `task ${task.task.id}: track label "${label ?? ''}" is not one of the video's labels (${labels.join(', ')})`, 'labels');

/** Per-frame COCO: an image per frame, every track interpolated onto every frame it is in view. */
export async function* videoCoco(tasks: AsyncIterable<VideoTask>, labels: readonly string[]): AsyncGenerator<string, void, undefined> {
  async function* videos() {
    for await (const t of tasks) yield t.video;
  }
  yield* writeVideoCoco(videos(), { labels });
}

/** Unique folder names for the videos of one archive (two `clip.mp4` become `clip` and `clip-2`). */
function folderNamer(): (task: VideoTask) => string {
  const seen = new Map<string, number>();
  return (task) => {
    const stem = videoStem(task.video.name);
    const n = (seen.get(stem) ?? 0) + 1;
    seen.set(stem, n);
    return n === 1 ? stem : `${stem}-${n}`;
  };
}

/**
 * MOT ground truth as CVAT's "MOT 1.1" writes it: `gt/gt.txt` (`frame,id,left,top,width,height,1,
 * class,1`, pixels, interpolated on every frame) and `gt/labels.txt`; with several videos, one
 * `<video>/gt/` folder each (the MOT benchmark layout). Box tracks only: MOT has no polygons.
 */
export async function* videoMot(tasks: AsyncIterable<VideoTask>, labels: readonly string[], now: number): AsyncGenerator<Buffer, void, undefined> {
  const labelsTxt = Buffer.from(labels.map((l) => `${l}\n`).join(''));
  const folder = folderNamer();
  async function* entries(): AsyncGenerator<ZipEntry> {
    const buffered: VideoTask[] = [];
    for await (const t of tasks) {
      buffered.push(t);
      if (buffered.length > 1) break;
    }
    const single = buffered.length === 1;
    const write = (t: VideoTask): ZipEntry[] => {
      const boxes = t.video.tracks.filter((x): x is RectangleTrack => x.kind === 'rectangle');
      const classIds = boxes.map((b) => {
        const i = labels.indexOf(b.label ?? '');
        if (i < 0) throw unknownLabel(t, b.label, labels);
        return i + 1;
      });
      const rows = [...motRows(boxes, t.video.frames, { videoWidth: t.video.width, videoHeight: t.video.height, frameBase: 1 }, classIds)];
      const dir = single ? 'gt' : `${folder(t)}/gt`;
      return [{ name: `${dir}/gt.txt`, data: Buffer.from(rows.map((r) => `${r}\n`).join('')) }, { name: `${dir}/labels.txt`, data: labelsTxt }];
    };
    for (const t of buffered) yield* write(t);
    if (single) return;
    for await (const t of tasks) yield* write(t);
  }
  yield* zipArchive(entries(), now);
}

/** YOLO per frame: `labels/<video>/frame_000001.txt` for every frame (empty where nothing is in view), `classes.txt`. */
export async function* videoYolo(tasks: AsyncIterable<VideoTask>, labels: readonly string[], now: number): AsyncGenerator<Buffer, void, undefined> {
  const folder = folderNamer();
  async function* entries(): AsyncGenerator<ZipEntry> {
    yield { name: 'classes.txt', data: Buffer.from(labels.map((l) => `${l}\n`).join('')) };
    yield { name: 'README.txt', data: Buffer.from(FRAMES_README) };
    for await (const t of tasks) {
      const stem = folder(t);
      const missing = t.video.tracks.find((x) => x.kind !== 'polyline' && !labels.includes(x.label ?? ''));
      if (missing) throw unknownLabel(t, missing.label, labels);
      for (const { frame, text } of yoloFrames(t.video, { labels })) {
        yield { name: `labels/${frameFileName(stem, frame).replace(/\.jpg$/, '.txt')}`, data: Buffer.from(text) };
      }
    }
  }
  yield* zipArchive(entries(), now);
}

/**
 * Label Studio JSON of the video tasks: tracks as stored, keyframes only (`videorectangle` items,
 * and Laoshi's `videopolygon` ones), the latest annotation of each task.
 */
export async function* videoLabelStudio(tasks: AsyncIterable<VideoTask>): AsyncGenerator<string, void, undefined> {
  yield '[';
  let first = true;
  for await (const { task } of tasks) {
    const annotations = task.annotations.map((a) => ({
      id: a.id, completed_by: a.email ?? a.completedBy, result: a.result, lead_time: a.leadTime, created_at: iso(a.createdAt), updated_at: iso(a.updatedAt),
    }));
    yield `${first ? '' : ','}\n${JSON.stringify({ id: task.id, data: task.data, meta: task.meta, annotations, predictions: [] })}`;
    first = false;
  }
  yield '\n]\n';
}
