import { maskValue, redactPii, type LabelConfig, type PiiMatch } from '@laoshi/core';
import type { ExportTask, JsonRecord } from './export-task.js';

/**
 * The partial mask of `maskValue` (138****8000, 110105********002X) where it keeps the length,
 * else one '*' per character: either way the text keeps its length, so the character offsets of
 * text spans (NER labels) still point at the same words after masking.
 */
function sameLengthMask(match: PiiMatch): string {
  const partial = maskValue(match.kind, match.value);
  return partial.length === match.value.length ? partial : '*'.repeat(match.end - match.start);
}

/** `text` with its personal data masked in place (same length). */
export function maskText(text: string): string {
  return redactPii(text, { mask: sameLengthMask }).text;
}

/** Masks every string inside `value`; returns it unchanged (same object) when nothing was found. */
function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) {
    const out = value.map(maskDeep);
    return out.some((v, i) => v !== value[i]) ? out : value;
  }
  if (typeof value === 'object' && value !== null) {
    let changed = false;
    const out: JsonRecord = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = maskDeep(v);
      if (out[k] !== v) changed = true;
    }
    return changed ? out : value;
  }
  return value;
}

/** The task data keys that hold media references (image/video/audio URLs), which are not text to mask. */
export function mediaKeysOf(config: LabelConfig): Set<string> {
  return new Set(config.objects.filter((o) => o.type === 'image' || o.type === 'video' || o.type === 'audio').map((o) => o.value.slice(1)));
}

/**
 * Masks personal data in a task as it is exported: every string of `data` except media
 * references, and the text a result carries (`value.text` of spans and text areas). Labels,
 * choices and coordinates are left alone. Nothing is written back to the database.
 */
export function maskTask(task: ExportTask, mediaKeys: ReadonlySet<string>): void {
  const data = task.data;
  let changed = false;
  const masked: JsonRecord = {};
  for (const [key, value] of Object.entries(data)) {
    masked[key] = mediaKeys.has(key) ? value : maskDeep(value);
    if (masked[key] !== value) changed = true;
  }
  if (changed) task.data = masked;
  for (const annotation of task.annotations) {
    const items = maskResult(annotation.result);
    if (items) annotation.result = items;
  }
  for (const prediction of task.predictions) {
    if (!prediction.resultJson.includes('"text"')) continue;
    const items = maskResult(JSON.parse(prediction.resultJson) as JsonRecord[]);
    if (items) prediction.resultJson = JSON.stringify(items);
  }
}

/** The result items with `value.text` masked, or undefined when nothing changed. */
function maskResult(result: JsonRecord[]): JsonRecord[] | undefined {
  let changed = false;
  const items = result.map((item) => {
    const value = item.value as JsonRecord | undefined;
    if (!value || value.text === undefined) return item;
    const text = maskDeep(value.text);
    if (text === value.text) return item;
    changed = true;
    return { ...item, value: { ...value, text } };
  });
  return changed ? items : undefined;
}
