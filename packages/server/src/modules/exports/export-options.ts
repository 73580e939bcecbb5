import type { LabelConfig } from '@laoshi/core';
import type { TaskFilter } from '../tasks/task-filter.js';
import type { ExportTask } from './export-task.js';

export const EXPORT_FORMATS = ['laoshi', 'label-studio', 'coco', 'yolo', 'voc', 'conll', 'jsonl', 'csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What the caller asked for; every field has its default filled in. */
export interface ExportOptions {
  format: ExportFormat;
  /** Only annotations a reviewer accepted (tasks left without one are left out). */
  onlyAccepted: boolean;
  /** Only the most recently saved annotation of each task. */
  latestPerTask: boolean;
  /** Put the media files in the archive (YOLO and VOC zips). */
  withMedia: boolean;
  /** Mask personal data (IDs, phones, e-mails, cards, IPs) in task text and result text. */
  maskPii: boolean;
  /** Parquet: one row per region (default) or one per task. */
  parquetRows: 'region' | 'task';
  filter: TaskFilter;
}

export interface FormatInfo {
  /** File name suffix, e.g. `.json` or `.zip`. */
  extension: string;
  contentType: string;
  /** The format holds one label set per item, so each task contributes its latest annotation only. */
  oneAnnotationPerTask: boolean;
  /** Predictions go into the file (else they are not read at all). */
  predictions: boolean;
  /** An archive that can carry the media files. */
  media: boolean;
  /** The writer copies annotation results as JSON text, never parsing them. */
  copiesResults: boolean;
}

export const FORMATS: Record<ExportFormat, FormatInfo> = {
  laoshi: { extension: '.laoshi.json', contentType: 'application/json', oneAnnotationPerTask: false, predictions: true, media: false, copiesResults: true },
  'label-studio': { extension: '.json', contentType: 'application/json', oneAnnotationPerTask: false, predictions: true, media: false, copiesResults: true },
  coco: { extension: '.coco.json', contentType: 'application/json', oneAnnotationPerTask: true, predictions: false, media: false, copiesResults: false },
  yolo: { extension: '.yolo.zip', contentType: 'application/zip', oneAnnotationPerTask: true, predictions: false, media: true, copiesResults: false },
  voc: { extension: '.voc.zip', contentType: 'application/zip', oneAnnotationPerTask: true, predictions: false, media: true, copiesResults: false },
  conll: { extension: '.conll', contentType: 'text/plain; charset=utf-8', oneAnnotationPerTask: true, predictions: false, media: false, copiesResults: false },
  jsonl: { extension: '.jsonl', contentType: 'application/x-ndjson', oneAnnotationPerTask: false, predictions: true, media: false, copiesResults: true },
  csv: { extension: '.csv', contentType: 'text/csv; charset=utf-8', oneAnnotationPerTask: false, predictions: false, media: false, copiesResults: false },
  parquet: { extension: '.parquet', contentType: 'application/vnd.apache.parquet', oneAnnotationPerTask: false, predictions: false, media: false, copiesResults: false },
};

/** The project as the writers see it. */
export interface ExportProject {
  id: number;
  title: string;
  labelConfig: LabelConfig;
}

/** A media file stored in the project that a task's data points at (`/api/media/<id>`). */
export interface MediaInfo {
  /** The name it was uploaded with. */
  fileName: string;
  width: number | null;
  height: number | null;
  /** Its bytes (read on demand: only exports `withMedia` pay for them). */
  read(): Promise<Buffer>;
}

/** Everything a format writer reads. */
export interface ExportSource {
  project: ExportProject;
  options: ExportOptions;
  exportedAt: number;
  /** A pass over the tasks in id order, counted and fingerprinted as it goes: read it once (this or `batches`). */
  tasks(): AsyncIterable<ExportTask>;
  /**
   * The same pass a batch at a time (cheaper per task: one await per batch, not per task). Go
   * through each batch to its end, once, before asking for the next: tasks are counted as they
   * are taken.
   */
  batches(): AsyncIterable<Iterable<ExportTask>>;
  /** The project media that `task.data[dataKey]` points at, or undefined (an outside URL, or nothing). */
  mediaInfo(task: ExportTask, dataKey: string): Promise<MediaInfo | undefined>;
}

/**
 * A format writer: the file's bytes, chunk by chunk, as text, bytes or a list of texts (a
 * batch's lines: cheaper than one joined string, see Utf8Chunks).
 */
export type ExportWriter = (source: ExportSource) => AsyncIterable<string | Buffer | readonly string[]>;
