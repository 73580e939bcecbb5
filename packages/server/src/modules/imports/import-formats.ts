import { Readable } from 'node:stream';
import {
  readCoco, readConll, readJsonArray, readJsonLines, readVoc, VOC_LIMITS, type JsonTask, type TagScheme, type TaskRecord,
} from '@laoshi/core';
import { CsvError, parse } from 'csv-parse';
import { badFile } from './import-error.js';
import type { IncomingTask } from './task-sink.js';

/** Formats a user may name to override detection by file extension. */
export const IMPORT_FORMATS = ['json', 'jsonl', 'csv', 'tsv', 'txt', 'coco', 'voc', 'yolo', 'conll', 'mot'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type EntryKind = 'media' | 'zip' | 'yolo-names' | 'mot-labels' | ImportFormat | 'unsupported';

const MEDIA = /\.(jpe?g|png|webp|bmp|tiff?|gif|avif|mp4|webm|mov|m4v|ogv|mp3|wav|ogg|oga|flac|m4a|aac|opus)$/i;

/** What a file is, by its name (the bytes are checked when it is read: media are sniffed). */
export function kindOf(path: string, override: ImportFormat | undefined, yoloSet: boolean): EntryKind {
  const lower = path.toLowerCase();
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  if (MEDIA.test(lower)) return 'media';
  if (lower.endsWith('.zip')) return 'zip';
  // MOT ground truth as CVAT and the MOT benchmarks lay it out: gt/gt.txt with gt/labels.txt.
  if (/(^|\/)gt\/labels\.txt$/.test(lower) || (override === 'mot' && base === 'labels.txt')) return 'mot-labels';
  if (/(^|\/)gt\/gt\.txt$/.test(lower) || (override === 'mot' && base.endsWith('.txt'))) return 'mot';
  if (yoloSet && (base === 'classes.txt' || base === 'data.yaml' || base === 'data.yml' || base === 'obj.names')) return 'yolo-names';
  if (override) return override;
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.tsv') || lower.endsWith('.tab')) return 'tsv';
  if (lower.endsWith('.xml')) return 'voc';
  if (/\.(conll|conllx|bio|iob|iob1|iob2)$/.test(lower)) return 'conll';
  if (lower.endsWith('.txt')) return yoloSet ? 'yolo' : 'txt';
  return 'unsupported';
}

/** True when a set of paths looks like a YOLO dataset (class names beside label files). */
export function isYoloSet(paths: readonly string[]): boolean {
  return paths.some((p) => /(^|\/)(classes\.txt|data\.ya?ml|obj\.names)$/i.test(p));
}

/** Where a reader should put things: the keys and control names of the project's label config. */
export interface ReaderTargets {
  imageKey: string;
  textKey: string;
  labelsAs: 'annotations' | 'predictions';
  tagScheme: TagScheme;
}

async function collect(chunks: AsyncIterable<string>, max: number, file: string): Promise<string> {
  const parts: string[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    length += chunk.length;
    if (length > max) throw badFile(file, `is longer than ${max} characters`);
    parts.push(chunk);
  }
  return parts.join('');
}

/** Chunks, with the first non-blank character of the text peeked. */
async function peekFirstChar(chunks: AsyncGenerator<string, void, undefined>): Promise<{ first: string; chunks: AsyncGenerator<string, void, undefined> }> {
  const seen: string[] = [];
  let first = '';
  for (;;) {
    const next = await chunks.next();
    if (next.done) break;
    seen.push(next.value);
    const m = /\S/.exec(next.value);
    if (m) {
      first = m[0];
      break;
    }
  }
  async function* replay(): AsyncGenerator<string, void, undefined> {
    yield* seen;
    yield* chunks;
  }
  return { first, chunks: replay() };
}

/**
 * The tasks in a decoded text file of a task or label format (everything but media, zips and
 * YOLO, which need the files around them). `fromReader` marks tasks whose regions a format
 * reader made (default control names, to fit to the config); the others are Label Studio JSON. Streams where the format allows (JSONL, JSON arrays,
 * CSV/TSV, text lines, CoNLL); COCO and one VOC file are read whole, as their structure demands.
 */
export async function* tasksOfText(kind: ImportFormat, text: AsyncGenerator<string, void, undefined>, file: string, t: ReaderTargets): AsyncGenerator<{ task: IncomingTask | TaskRecord | JsonTask; where: string; fromReader?: true }> {
  const read = { as: t.labelsAs, dataKey: t.imageKey };
  if (kind === 'jsonl') {
    let n = 0;
    for await (const task of readJsonLines(text)) yield { task, where: `${file} task ${++n}` };
  } else if (kind === 'json' || kind === 'coco') {
    const { first, chunks } = await peekFirstChar(text);
    if (first === '[' && kind === 'json') {
      let n = 0;
      for await (const task of readJsonArray(chunks)) yield { task, where: `${file} [${n++}]` };
      return;
    }
    if (first !== '{') throw badFile(file, 'expected a JSON array of tasks or a COCO object');
    const whole = await collect(chunks, 512 * 1024 * 1024, file);
    // A COCO file is an object with an "images" array; anything else is one task.
    if (kind === 'coco' || /"images"\s*:\s*\[/.test(whole)) {
      let n = 0;
      for await (const task of readCoco(whole, read)) yield { task, where: `${file} images[${n++}]`, fromReader: true };
      return;
    }
    for await (const task of readJsonArray(['[', whole, ']'])) yield { task, where: file };
  } else if (kind === 'csv' || kind === 'tsv') {
    const parser = Readable.from(text).pipe(parse({ columns: true, delimiter: kind === 'tsv' ? '\t' : ',', bom: true, skip_empty_lines: true, relax_column_count: false, max_record_size: 16 * 1024 * 1024 }));
    let n = 1;
    try {
      for await (const record of parser as AsyncIterable<Record<string, string>>) {
        n++;
        yield { task: { data: record }, where: `${file} row ${n}` };
      }
    } catch (err) {
      if (err instanceof CsvError) throw badFile(`${file} line ${(err as CsvError & { lines?: number }).lines ?? n}`, err.message);
      throw err;
    }
  } else if (kind === 'txt') {
    let pending = '';
    let line = 0;
    for await (const chunk of text) {
      const lines = (pending + chunk).split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const l of lines) {
        line++;
        if (l.trim() !== '') yield { task: { data: { [t.textKey]: l } }, where: `${file} line ${line}` };
      }
    }
    if (pending.trim() !== '') yield { task: { data: { [t.textKey]: pending.replace(/\r$/, '') } }, where: `${file} line ${line + 1}` };
  } else if (kind === 'voc') {
    const xml = await collect(text, VOC_LIMITS.maxChars, file);
    yield { task: readVoc(xml, read), where: file, fromReader: true };
  } else if (kind === 'conll') {
    let n = 0;
    for await (const task of readConll(text, { as: t.labelsAs, dataKey: t.textKey, scheme: t.tagScheme })) yield { task, where: `${file} sentence ${++n}`, fromReader: true };
  } else {
    throw badFile(file, `${kind} files are read with their images`);
  }
}
