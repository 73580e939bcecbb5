import { jsonErrorOffset } from './json-position.js';

/** The dataset formats that formats/ reads and writes. */
export type FormatName = 'coco' | 'yolo' | 'voc' | 'conll' | 'jsonl' | 'json';

const TITLES: Record<FormatName, string> = {
  coco: 'COCO', yolo: 'YOLO', voc: 'Pascal VOC', conll: 'CoNLL', jsonl: 'JSON Lines', json: 'JSON',
};

/** Where in the input a problem sits: a 1-based line (and column) of a text file, or a JSON/XML path. */
export interface FormatErrorLocation {
  line?: number | undefined;
  column?: number | undefined;
  path?: string | undefined;
}

/**
 * Thrown by every reader and writer in formats/ for input it cannot take. The message starts with
 * the format and the position, e.g. `COCO at annotations[3].bbox: …` or `YOLO line 7: …`.
 */
export class FormatError extends Error {
  override readonly name = 'FormatError';
  readonly format: FormatName;
  /** 1-based line of the input, for line-based formats and XML. */
  readonly line?: number;
  /** 1-based column, when known. */
  readonly column?: number;
  /** Path of the offending value, e.g. `annotations[3].bbox` or `tasks[2].annotations[0].result[1]`. */
  readonly path?: string;
  /** The message without the format and position prefix. */
  readonly reason: string;

  constructor(format: FormatName, reason: string, at: FormatErrorLocation = {}) {
    super(`${TITLES[format]}${where(at)}: ${reason}`);
    this.format = format;
    this.reason = reason;
    if (at.line !== undefined) this.line = at.line;
    if (at.column !== undefined) this.column = at.column;
    if (at.path !== undefined && at.path !== '') this.path = at.path;
  }
}

function where(at: FormatErrorLocation): string {
  let out = '';
  if (at.line !== undefined) out += ` line ${at.line}`;
  if (at.line !== undefined && at.column !== undefined) out += `, column ${at.column}`;
  if (at.path !== undefined && at.path !== '') out += ` at ${at.path}`;
  return out;
}

/**
 * JSON.parse with a FormatError for a syntax error, located by line and column counted from
 * `firstLine` (the line where `text` starts in the file).
 */
export function parseJson(text: string, format: FormatName, at: FormatErrorLocation = {}, firstLine = 1): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // V8's message quotes the input; keep only what went wrong.
    const message = (error instanceof Error ? error.message : String(error)).replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
    const offset = jsonErrorOffset(text);
    if (offset === undefined) throw new FormatError(format, `not valid JSON: ${message}`, at);
    const before = text.slice(0, offset);
    const line = firstLine + before.split('\n').length - 1;
    const column = offset - (before.lastIndexOf('\n') + 1) + 1;
    throw new FormatError(format, `not valid JSON: ${message}`, { ...at, line, column });
  }
}
