import { parseJson } from './format-error.js';
import { checkJsonTask, stringifyTask, type JsonTask } from './json-tasks.js';
import { MAX_LINE_CHARS, readLines, type RecordSource, type TextSource } from './text-source.js';

export interface JsonLinesReadOptions {
  /** Longest line accepted; default 64 Mi characters. */
  maxLineChars?: number;
}

/**
 * Reads JSON Lines: one task object per line (bare data objects are wrapped as `{ data }`),
 * blank lines skipped, CRLF and a leading byte order mark accepted. Memory holds one line.
 * Throws FormatError naming the line (and column, where V8 reports it).
 * @example for await (const task of readJsonLines(lines)) await save(task);
 */
export async function* readJsonLines(source: TextSource, options: JsonLinesReadOptions = {}): AsyncGenerator<JsonTask, void, undefined> {
  for await (const { text, line } of readLines(source, 'jsonl', options.maxLineChars ?? MAX_LINE_CHARS)) {
    if (text.trim() === '') continue;
    yield checkJsonTask(parseJson(text, 'jsonl', { line }, line), 'jsonl', { line });
  }
}

/** Writes tasks as JSON Lines, one chunk per task. */
export async function* writeJsonLines(tasks: RecordSource<object>): AsyncGenerator<string, void, undefined> {
  let index = 0;
  for await (const task of tasks) yield `${stringifyTask(task, 'jsonl', index++)}\n`;
}
