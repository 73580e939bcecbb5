import type { LabelConfig } from '@laoshi/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { LaoshiError } from '../../errors.js';
import type { JsonRecord } from '../exports/export-task.js';
import { readExportTasks } from '../exports/task-reader.js';
import { MediaFactsCache } from './media-facts.js';
import type { ReadOptions } from './video-source.js';

/** One labelled stretch of a recording, with what the annotator wrote and chose for it. */
export interface AudioSegment {
  taskId: number;
  audio: string;
  fileName: string;
  id: string;
  start: number;
  end: number;
  labels: string[];
  /** Per-segment TextArea answers, joined by a space (the transcription). */
  text: string;
  /** Other per-segment answers (choices such as the speaker, ratings, numbers), by control. */
  attributes: Record<string, unknown>;
  annotator: string | null;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** The segments of one result on the audio object `object`, in time order. */
export function segmentsOf(result: readonly JsonRecord[], object: string): Omit<AudioSegment, 'taskId' | 'audio' | 'fileName' | 'annotator'>[] {
  const byId = new Map<string, Omit<AudioSegment, 'taskId' | 'audio' | 'fileName' | 'annotator'>>();
  for (const item of result) {
    const value = (item.value ?? {}) as JsonRecord;
    if (item.type !== 'labels' || item.to_name !== object || typeof value.start !== 'number' || typeof value.end !== 'number') continue;
    byId.set(String(item.id), { id: String(item.id), start: value.start, end: value.end, labels: strings(value.labels), text: '', attributes: {} });
  }
  for (const item of result) {
    const segment = byId.get(String(item.id));
    const value = (item.value ?? {}) as JsonRecord;
    if (segment === undefined || item.type === 'labels') continue;
    if (item.type === 'textarea') segment.text = [segment.text, ...strings(value.text)].filter((s) => s.trim() !== '').join(' ');
    else if (typeof item.type === 'string' && item.type in value) segment.attributes[String(item.from_name)] = value[item.type];
  }
  return [...byId.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Every segment of the latest annotation of each task, task by task. */
export async function* audioSegments(db: Kysely<Database>, config: LabelConfig, options: ReadOptions): AsyncGenerator<AudioSegment, void, undefined> {
  const object = config.objects.find((o) => o.type === 'audio');
  if (object === undefined) throw new LaoshiError(400, 'LAOSHI_VALIDATION', 'the project has no audio object: its label config needs an <Audio>', 'format');
  const key = object.value.slice(1);
  const facts = new MediaFactsCache(db, options.projectId);
  const tasks = readExportTasks(db, {
    projectId: options.projectId, filter: options.filter, latestOnly: true, latestFirst: true, withPredictions: false, signal: options.signal,
    annotationFilter: options.onlyAccepted ? (q) => q.where('a.review_state', '=', 'accepted') : undefined,
  });
  for await (const task of tasks) {
    const annotation = task.annotations[0];
    const ref = task.data[key];
    if (annotation === undefined || typeof ref !== 'string') continue;
    const { name } = await facts.of(task, ref);
    for (const s of segmentsOf(annotation.result, object.name)) yield { ...s, taskId: task.id, audio: ref, fileName: name, annotator: annotation.email };
  }
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** JSON Lines, one segment a line: times in seconds, labels, transcription, per-segment answers. */
export async function* audioJsonl(segments: AsyncIterable<AudioSegment>): AsyncGenerator<string, void, undefined> {
  for await (const s of segments) {
    yield `${JSON.stringify({
      task_id: s.taskId, audio: s.audio, file_name: s.fileName, segment_id: s.id, start: round(s.start), end: round(s.end), duration: round(s.end - s.start),
      labels: s.labels, text: s.text, attributes: s.attributes, annotator: s.annotator,
    })}\n`;
  }
}

/**
 * An ASR training manifest (NeMo's format): a line per transcribed segment with the audio file,
 * the segment's offset and duration in seconds, and its text. Segments without text are left out.
 */
export async function* asrManifest(segments: AsyncIterable<AudioSegment>): AsyncGenerator<string, void, undefined> {
  for await (const s of segments) {
    if (s.text.trim() === '') continue;
    yield `${JSON.stringify({ audio_filepath: s.fileName, offset: round(s.start), duration: round(s.end - s.start), text: s.text })}\n`;
  }
}
