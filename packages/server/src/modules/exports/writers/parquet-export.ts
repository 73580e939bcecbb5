import type { LabelControl } from '@laoshi/core';
import { ByteWriter, parquetWriteRows, type ColumnSource } from 'hyparquet-writer';
import type { ExportSource } from '../export-options.js';
import type { ExportTask, JsonRecord } from '../export-task.js';
import { controlCell } from './csv-writer.js';

// Parquet that pandas reads straight into a flat DataFrame: scalar columns only (JSON as text),
// explicit types so an all-null first row group cannot mistype a column, times as timestamps.
// Rows go out a row group at a time (ROW_GROUP rows), so memory holds one group, not the file.

const ROW_GROUP = 10_000;
type Column = Omit<ColumnSource, 'data'>;
type Row = Record<string, unknown>;

const REGION_CONTROLS = new Set(['rectanglelabels', 'polygonlabels', 'keypointlabels', 'labels', 'videorectangle', 'relations']);

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 31 ? v : null);
const text = (v: unknown): string | null => (v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));

/** Column names for the config's controls, renamed where they would clash with a fixed column. */
function controlColumns(controls: LabelControl[], fixed: string[]): { control: LabelControl; column: string }[] {
  return controls.map((control) => ({ control, column: fixed.includes(control.name) ? `${control.name}_value` : control.name }));
}

/** The first labels array a region's items carry (`value.rectanglelabels`, `value.labels`…). */
function labelsOf(items: JsonRecord[]): string[] {
  for (const item of items) {
    const value = (item.value ?? {}) as JsonRecord;
    const labels = value[String(item.type)] ?? (item.type === 'videorectangle' ? value.labels : undefined);
    if (String(item.type).endsWith('labels') && Array.isArray(labels)) return labels.filter((l): l is string => typeof l === 'string');
  }
  return [];
}

function regionLayout(source: ExportSource) {
  const fixed = ['task_id', 'annotation_id', 'annotator', 'region_id', 'type', 'label', 'labels', 'x', 'y', 'width', 'height', 'rotation', 'points', 'start', 'end', 'text', 'score', 'original_width', 'original_height', 'value'];
  const extra = controlColumns(source.project.labelConfig.controls.filter((c) => !REGION_CONTROLS.has(c.type)), fixed);
  const columns: Column[] = [
    { name: 'task_id', type: 'INT32', nullable: false }, { name: 'annotation_id', type: 'INT32', nullable: false }, { name: 'annotator', type: 'STRING' },
    { name: 'region_id', type: 'STRING' }, { name: 'type', type: 'STRING' }, { name: 'label', type: 'STRING' }, { name: 'labels', type: 'STRING' },
    ...['x', 'y', 'width', 'height', 'rotation'].map((name): Column => ({ name, type: 'DOUBLE' })),
    { name: 'points', type: 'STRING' }, { name: 'start', type: 'DOUBLE' }, { name: 'end', type: 'DOUBLE' }, { name: 'text', type: 'STRING' },
    { name: 'score', type: 'DOUBLE' }, { name: 'original_width', type: 'INT32' }, { name: 'original_height', type: 'INT32' }, { name: 'value', type: 'STRING' },
    ...extra.map(({ column }): Column => ({ name: column, type: 'STRING' })),
  ];
  /** One row per region: the result items sharing an id, relations left out. */
  function* rows(task: ExportTask): Generator<Row> {
    for (const a of task.annotations) {
      const regions = new Map<string, JsonRecord[]>();
      for (const item of a.result) {
        if (item.type === 'relation') continue;
        const id = String(item.id ?? '');
        const group = regions.get(id);
        if (group) group.push(item);
        else regions.set(id, [item]);
      }
      for (const [id, items] of regions) {
        const main = items.find((i) => String(i.type).endsWith('labels')) ?? items[0]!;
        const v = (main.value ?? {}) as JsonRecord;
        const labels = labelsOf(items);
        const row: Row = {
          task_id: task.id, annotation_id: a.id, annotator: a.email ?? text(a.completedBy), region_id: id, type: text(main.type), label: labels[0] ?? null, labels: JSON.stringify(labels),
          x: num(v.x), y: num(v.y), width: num(v.width), height: num(v.height), rotation: num(v.rotation), points: v.points === undefined ? null : JSON.stringify(v.points),
          start: num(v.start), end: num(v.end), text: text(v.text), score: num(main.score), original_width: int(main.original_width), original_height: int(main.original_height), value: JSON.stringify(v),
        };
        for (const { control, column } of extra) row[column] = controlCell(control, items.filter((i) => i.from_name === control.name));
        yield row;
      }
    }
  }
  return { columns, rows };
}

function taskLayout(source: ExportSource) {
  const config = source.project.labelConfig;
  const dataKeys = [...new Set(config.objects.map((o) => o.value.slice(1)))];
  const fixed = ['task_id', ...dataKeys, 'annotation_id', 'annotator', 'annotation_count', 'labels', 'result', 'lead_time', 'task_created_at', 'annotated_at'];
  const extra = controlColumns(config.controls, fixed);
  const columns: Column[] = [
    { name: 'task_id', type: 'INT32', nullable: false }, ...dataKeys.map((name): Column => ({ name, type: 'STRING' })),
    { name: 'annotation_id', type: 'INT32' }, { name: 'annotator', type: 'STRING' }, { name: 'annotation_count', type: 'INT32', nullable: false },
    { name: 'labels', type: 'STRING' }, { name: 'result', type: 'STRING' }, { name: 'lead_time', type: 'DOUBLE' },
    { name: 'task_created_at', type: 'TIMESTAMP', nullable: false }, { name: 'annotated_at', type: 'TIMESTAMP' },
    ...extra.map(({ column }): Column => ({ name: column, type: 'STRING' })),
  ];
  /** One row per task, from its first annotation (the latest one when `latestPerTask`). */
  function* rows(task: ExportTask): Generator<Row> {
    const a = task.annotations[0];
    const result = a?.result ?? [];
    const row: Row = {
      task_id: task.id, annotation_id: a?.id ?? null, annotator: a ? (a.email ?? text(a.completedBy)) : null, annotation_count: task.annotations.length,
      labels: a ? JSON.stringify([...new Set(result.flatMap((i) => labelsOf([i])))]) : null, result: a?.resultJson ?? null, lead_time: a?.leadTime ?? null,
      task_created_at: task.createdAt, annotated_at: a?.updatedAt ?? null,
    };
    for (const key of dataKeys) row[key] = text(task.data[key]);
    for (const { control, column } of extra) {
      const cell = a ? controlCell(control, result.filter((i) => i.from_name === control.name || (control.type === 'relations' && i.type === 'relation'))) : null;
      row[column] = cell === null ? null : String(cell);
    }
    yield row;
  }
  return { columns, rows };
}

/**
 * A ByteWriter whose flush hands each finished row group to the reader of `chunks()` and waits
 * until the reader asks for more: the writer never runs ahead of whoever consumes the file.
 */
class HandOffWriter extends ByteWriter {
  private readonly queue: { bytes: Buffer; taken: () => void }[] = [];
  private wake: (() => void) | undefined;
  private ended = false;
  private cancelled = false;

  private hand(): Promise<void> {
    if (this.cancelled) return Promise.reject(new Error('the export was stopped'));
    const bytes = Buffer.from(this.getBytes());
    this.index = 0;
    return new Promise((taken) => {
      this.queue.push({ bytes, taken });
      this.wake?.();
    });
  }

  flush(): Promise<void> {
    return this.hand();
  }

  override finish(): Promise<void> {
    const last = this.hand();
    this.ended = true;
    this.wake?.();
    return last;
  }

  /** Ends `chunks()` after what is queued (the producer failed). */
  stop(): void {
    this.ended = true;
    this.wake?.();
  }

  async *chunks(): AsyncGenerator<Buffer, void, undefined> {
    try {
      for (;;) {
        const next = this.queue.shift();
        if (next) {
          yield next.bytes;
          next.taken();
          continue;
        }
        if (this.ended) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
      }
    } finally {
      // The reader stopped early (client gone, job cancelled): release the producer so it ends.
      this.cancelled = true;
      for (const item of this.queue.splice(0)) item.taken();
    }
  }
}

/** Parquet, one row per region (`parquetRows: 'region'`, the default) or per task. */
export async function* writeParquetExport(source: ExportSource): AsyncGenerator<Buffer, void, undefined> {
  const { columns, rows } = source.options.parquetRows === 'task' ? taskLayout(source) : regionLayout(source);
  async function* allRows(): AsyncGenerator<Row, void, undefined> {
    for await (const task of source.tasks()) yield* rows(task);
  }
  const writer = new HandOffWriter(1 << 20);
  let failure: unknown;
  const writing = Promise.resolve(parquetWriteRows({ writer, rows: allRows(), columns, rowGroupSize: ROW_GROUP, createdBy: 'laoshi' })).catch((err: unknown) => {
    failure = err;
    writer.stop();
  });
  yield* writer.chunks();
  await writing;
  if (failure !== undefined) throw failure;
}
