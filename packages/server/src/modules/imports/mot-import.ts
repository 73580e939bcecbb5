import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { MotFormatError, readMot, readMotLabels, videoFrameRate, videoRectangleFromTrack } from '@laoshi/core';
import type { MediaRow } from '../../db/schema.js';
import { mediaUrl } from '../media/media-service.js';
import { badFile } from './import-error.js';
import type { IncomingTask } from './task-sink.js';

// MOT-challenge ground truth (`gt/gt.txt`, as CVAT's "MOT 1.1" and the MOT benchmarks lay it out,
// with `gt/labels.txt` for class names) imported as a video task: the video is the one the set
// holds for it, each MOT id becomes a Label Studio `videorectangle` track of keyframes.

/** The folder a MOT file describes: `MOT17-02/gt/gt.txt` → `MOT17-02`, `gt/gt.txt` → ``. */
const sequenceDir = (motPath: string) => path.posix.dirname(path.posix.dirname(motPath)).replace(/^\.$/, '');

/**
 * The video a MOT file belongs to: the one named like its sequence folder (`MOT17-02.mp4` for
 * `MOT17-02/gt/gt.txt`), else the one in that folder, else the only video imported with it.
 */
export function videoForMot(motPath: string, videos: readonly { row: MediaRow; path: string }[]): MediaRow | undefined {
  const dir = sequenceDir(motPath);
  const stem = (p: string) => path.posix.basename(p).replace(/\.[^.]+$/, '');
  const named = videos.filter((v) => dir !== '' && stem(v.path) === path.posix.basename(dir));
  if (named.length === 1) return named[0]?.row;
  const inside = videos.filter((v) => dir !== '' && path.posix.dirname(v.path) === dir);
  if (inside.length === 1) return inside[0]?.row;
  return videos.length === 1 ? videos[0]?.row : undefined;
}

/** The `labels.txt` beside a MOT file (same folder), from the texts of the set's label files by path. */
export function labelsForMot(motPath: string, labelFiles: ReadonlyMap<string, string>): string[] | undefined {
  const text = labelFiles.get(path.posix.join(path.posix.dirname(motPath), 'labels.txt'));
  return text === undefined ? undefined : readMotLabels(text);
}

export interface MotTaskOptions {
  labelsAs: 'annotations' | 'predictions';
  videoKey: string;
  /** The config's `<Video frameRate>`, if any (keyframe times are written with the editor's fps). */
  configFrameRate?: number | undefined;
}

/** A video task with the MOT file's objects as tracks; a bad row or a missing video is a bad file named `file`. */
export function motTask(file: string, text: string, video: MediaRow | undefined, labels: string[] | undefined, options: MotTaskOptions): IncomingTask {
  if (video === undefined) throw badFile(file, 'no video imported with it: put the video in the same upload or zip (named like its folder, e.g. MOT17-02.mp4)');
  if (!video.width || !video.height) throw badFile(file, `the size of video ${video.file_name} is unknown (ffprobe could not read it), so pixel boxes cannot be placed`);
  let tracks;
  try {
    tracks = readMot(text, { videoWidth: video.width, videoHeight: video.height, labels });
  } catch (err) {
    if (err instanceof MotFormatError) throw badFile(file, err.message);
    throw err;
  }
  const meta = JSON.parse(video.meta) as { frameRate?: number; frameCount?: number };
  const { fps } = videoFrameRate({}, options.configFrameRate, meta.frameRate);
  const framesCount = meta.frameCount ?? (video.duration ? Math.round(video.duration * fps) : undefined);
  // Default control names: fitRegionsToConfig renames them to the project's VideoRectangle and video.
  const result = tracks.map((track) => ({
    id: randomBytes(6).toString('base64url'), from_name: 'box', to_name: 'video', type: 'videorectangle', origin: 'manual',
    value: videoRectangleFromTrack(track, { fps, ...(framesCount !== undefined ? { framesCount } : {}) }),
  }));
  const labelled = { [options.labelsAs]: [{ result }] };
  return { data: { [options.videoKey]: mediaUrl(video.id) }, meta: { file_name: video.file_name, media_id: video.id, mot_file: file }, ...labelled };
}
