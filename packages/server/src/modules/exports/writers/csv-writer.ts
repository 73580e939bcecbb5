import type { LabelConfig, LabelControl } from '@laoshi/core';
import type { ExportSource } from '../export-options.js';
import { iso, type ExportAnnotation, type ExportTask, type JsonRecord } from '../export-task.js';

// CSV for spreadsheets and pandas: one row per annotation (a task without one gets one row with
// the annotation columns empty). Columns are fixed up front from the label config, since a
// streamed file cannot go back and add a column: the task id, each object's data key, the
// annotation's id and annotator, one column per control, then lead time and times.

type Cell = string | number | null;

/**
 * A cell as CSV text. Text that a spreadsheet would run as a formula (starting with = + - @, a
 * tab or a carriage return) gets a leading apostrophe (OWASP's advice), so opening an export can
 * never execute what an annotator typed. Then RFC 4180 quoting.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = (cells: Cell[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** A control's answer in one cell: a lone choice, text or number as it is; anything else as JSON. */
export function controlCell(control: LabelControl, items: JsonRecord[]): Cell {
  if (items.length === 0) return null;
  const values = items.map((item) => (item.value ?? {}) as JsonRecord);
  const scalar = (list: unknown[]): Cell => (list.length === 1 && (typeof list[0] === 'string' || typeof list[0] === 'number') ? list[0] : JSON.stringify(list));
  switch (control.type) {
    case 'choices':
      return scalar(values.flatMap((v) => (Array.isArray(v.choices) ? v.choices : [])));
    case 'textarea':
      return scalar(values.flatMap((v) => (Array.isArray(v.text) ? v.text : [])));
    case 'rating':
      return scalar(values.map((v) => v.rating));
    case 'number':
      return scalar(values.map((v) => v.number));
    case 'pairwise':
      return scalar(values.map((v) => v.selected));
    case 'relations':
      return JSON.stringify(items.map((i) => ({ from_id: i.from_id, to_id: i.to_id, labels: i.labels ?? [] })));
    default:
      // Regions: their values (coordinates and labels), with the region id, as Label Studio's CSV does.
      return JSON.stringify(items.map((i) => ({ id: i.id, ...(i.value as JsonRecord) })));
  }
}

interface Columns {
  header: string[];
  dataKeys: string[];
  controls: LabelControl[];
}

function columnsOf(config: LabelConfig): Columns {
  const dataKeys = [...new Set(config.objects.map((o) => o.value.slice(1)))];
  const header = ['id', ...dataKeys, 'annotation_id', 'annotator'];
  for (const control of config.controls) header.push(header.includes(control.name) ? `${control.name}_label` : control.name);
  header.push('lead_time', 'created_at', 'updated_at');
  return { header, dataKeys, controls: config.controls };
}

function dataCell(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  return JSON.stringify(value);
}

function taskRows(task: ExportTask, cols: Columns): string {
  const data = cols.dataKeys.map((k) => dataCell(task.data[k]));
  if (task.annotations.length === 0) return row([task.id, ...data, null, null, ...cols.controls.map(() => null), null, null, null]);
  return task.annotations.map((a: ExportAnnotation) => {
    const result = a.result;
    const controls = cols.controls.map((c) => controlCell(c, result.filter((item) => item.from_name === c.name || (c.type === 'relations' && item.type === 'relation'))));
    return row([task.id, ...data, a.id, a.email ?? a.completedBy, ...controls, a.leadTime, iso(a.createdAt), iso(a.updatedAt)]);
  }).join('');
}

/** The CSV file, with a UTF-8 byte order mark so Excel reads Chinese text right (pandas skips it). */
export async function* writeCsv(source: ExportSource): AsyncGenerator<string | string[], void, undefined> {
  const cols = columnsOf(source.project.labelConfig);
  yield `\uFEFF${row(cols.header)}`;
  for await (const batch of source.batches()) yield Array.from(batch, (task) => taskRows(task, cols));
}
