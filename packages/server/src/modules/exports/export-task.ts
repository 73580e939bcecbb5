import type { AnnotationRow } from '../../db/schema.js';

// What the export writers read: a task with its submitted annotations and predictions, as rows
// come from the database. JSON columns stay text until someone needs them parsed, so formats that
// copy them through (JSONL, Laoshi JSON) never pay for JSON.parse + JSON.stringify.

/** JSON text parsed once, on first use; setting `json` again drops the parsed copy. */
class LazyJson<T> {
  private parsed: T | undefined;
  constructor(private text: string) {}
  get json(): string {
    return this.text;
  }
  set json(text: string) {
    this.text = text;
    this.parsed = undefined;
  }
  get value(): T {
    return (this.parsed ??= JSON.parse(this.text) as T);
  }
  /** The parsed value without keeping it (unless it already was): garbage that dies young. */
  peek(): T {
    return this.parsed ?? (JSON.parse(this.text) as T);
  }
  set value(value: T) {
    this.parsed = value;
    this.text = JSON.stringify(value);
  }
}

export type JsonRecord = Record<string, unknown>;

/** A submitted annotation (drafts are never exported). */
export class ExportAnnotation {
  private readonly resultText: LazyJson<JsonRecord[]>;
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
    this.resultText = new LazyJson(resultJson);
  }
  get resultJson(): string {
    return this.resultText.json;
  }
  get result(): JsonRecord[] {
    return this.resultText.value;
  }
  /** The result parsed, not kept: for a look by someone (counting) when the writer copies the JSON text. */
  peekResult(): JsonRecord[] {
    return this.resultText.peek();
  }
  set result(items: JsonRecord[]) {
    this.resultText.value = items;
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
  private readonly dataText: LazyJson<JsonRecord>;
  private readonly metaText: LazyJson<JsonRecord>;
  constructor(
    readonly id: number,
    dataJson: string,
    metaJson: string,
    readonly createdAt: number,
    readonly updatedAt: number,
    /** In id order, or latest first when the format takes one annotation per task (see `latestFirst`). */
    public annotations: ExportAnnotation[] = [],
    public predictions: ExportPrediction[] = [],
  ) {
    this.dataText = new LazyJson(dataJson);
    this.metaText = new LazyJson(metaJson);
  }
  get dataJson(): string {
    return this.dataText.json;
  }
  get data(): JsonRecord {
    return this.dataText.value;
  }
  set data(value: JsonRecord) {
    this.dataText.value = value;
  }
  get metaJson(): string {
    return this.metaText.json;
  }
  get meta(): JsonRecord {
    return this.metaText.value;
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

/** ISO 8601 time of an epoch-ms timestamp. */
export const iso = (ms: number): string => new Date(ms).toISOString();
