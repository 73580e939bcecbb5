import type { AnnotationRow } from '../../db/schema.js';

// What the export writers read: a task with its submitted annotations and predictions, as rows
// come from the database. JSON columns stay text until someone needs them parsed, so formats that
// copy them through (JSONL, Laoshi JSON) never pay for JSON.parse + JSON.stringify.

export type JsonRecord = Record<string, unknown>;

/** A submitted annotation (drafts are never exported). */
export class ExportAnnotation {
  // The result as stored, and parsed once on first use (plain fields, not a wrapper object: a
  // million of these are made per export).
  private text: string;
  private parsed: JsonRecord[] | undefined = undefined;
  constructor(
    readonly id: number,
    readonly completedBy: number | null,
    /** The annotator's e-mail, so Label Studio-style imports can map the annotation back to them. */
    readonly email: string | null,
    resultJson: string,
    readonly version: number,
    readonly leadTime: number | null,
    readonly source: AnnotationRow['source'],
    readonly createdAt: number,
    readonly updatedAt: number,
  ) {
    this.text = resultJson;
  }
  get resultJson(): string {
    return this.text;
  }
  get result(): JsonRecord[] {
    return (this.parsed ??= JSON.parse(this.text) as JsonRecord[]);
  }
  /** The result parsed, not kept (unless it already was): for a look by someone (counting) when the writer copies the JSON text. */
  peekResult(): JsonRecord[] {
    return this.parsed ?? (JSON.parse(this.text) as JsonRecord[]);
  }
  set result(items: JsonRecord[]) {
    this.parsed = items;
    this.text = JSON.stringify(items);
  }
}

export interface ExportPrediction {
  id: number;
  resultJson: string;
  score: number | null;
  modelVersion: string;
  createdAt: number;
}

export class ExportTask {
  private dataText: string;
  private dataParsed: JsonRecord | undefined = undefined;
  private metaParsed: JsonRecord | undefined = undefined;
  constructor(
    readonly id: number,
    dataJson: string,
    readonly metaJson: string,
    readonly createdAt: number,
    readonly updatedAt: number,
    /** In id order, or latest first when the format takes one annotation per task (see `latestFirst`). */
    public annotations: ExportAnnotation[] = [],
    public predictions: ExportPrediction[] = [],
  ) {
    this.dataText = dataJson;
  }
  get dataJson(): string {
    return this.dataText;
  }
  get data(): JsonRecord {
    return (this.dataParsed ??= JSON.parse(this.dataText) as JsonRecord);
  }
  set data(value: JsonRecord) {
    this.dataParsed = value;
    this.dataText = JSON.stringify(value);
  }
  get meta(): JsonRecord {
    return (this.metaParsed ??= JSON.parse(this.metaJson) as JsonRecord);
  }
}

/** True when `a` was saved after `b` (ties: the higher id is the later one). */
export function isLater(a: ExportAnnotation, b: ExportAnnotation): boolean {
  return a.updatedAt > b.updatedAt || (a.updatedAt === b.updatedAt && a.id > b.id);
}

/** The most recently saved annotation of a task, or undefined. */
export function latestAnnotation(task: ExportTask): ExportAnnotation | undefined {
  let latest: ExportAnnotation | undefined;
  for (const a of task.annotations) if (!latest || isLater(a, latest)) latest = a;
  return latest;
}

const DAY_MS = 86_400_000;
const MAX_DATE_MS = 8.64e15;
let isoDay = Number.NaN;
let isoDayText = '';
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * ISO 8601 time of an epoch-ms timestamp, as `Date#toISOString` writes it. Exports write three
 * per task, and toISOString costs more than the rest of a JSONL line: the date part is kept from
 * the last call (timestamps of one export are mostly on a few days) and the time part is built here.
 */
export function iso(ms: number): string {
  // Fractions, NaN and times out of Date's range: as Date does (or throws).
  if (!Number.isInteger(ms) || Math.abs(ms) > MAX_DATE_MS) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  if (day !== isoDay) {
    const text = new Date(day * DAY_MS).toISOString();
    isoDayText = text.slice(0, text.indexOf('T') + 1);
    isoDay = day;
  }
  const t = ms - day * DAY_MS;
  const millis = t % 1000;
  const seconds = Math.floor(t / 1000);
  return `${isoDayText}${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}
