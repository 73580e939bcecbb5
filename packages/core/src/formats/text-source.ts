import { FormatError, type FormatName } from './format-error.js';

/** Text to read: the whole of it, or its chunks in order (a decoded stream, lines, …). */
export type TextSource = string | Iterable<string> | AsyncIterable<string>;

/** Records to write, in order, from memory or from a stream. */
export type RecordSource<T> = Iterable<T> | AsyncIterable<T>;

/** One line of a text, without its line break, numbered from 1. */
export interface TextLine {
  text: string;
  line: number;
}

/** Longest line a line reader holds by default: a stream without line breaks cannot fill memory. */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;

/** The chunks of a source; a string is one chunk (iterating it would yield characters). */
export async function* chunksOf(source: TextSource, format: FormatName): AsyncGenerator<string, void, undefined> {
  if (typeof source === 'string') {
    yield source;
    return;
  }
  let index = 0;
  for await (const chunk of source) {
    // WARNING: a Node stream without setEncoding('utf8') yields Buffers; core cannot decode them.
    if (typeof chunk !== 'string') throw new FormatError(format, `chunk ${index} is not a string; decode the bytes as UTF-8 first`);
    index++;
    yield chunk;
  }
}

/**
 * The lines of a text source, split on `\n` with a trailing `\r` dropped (so CRLF files read
 * the same), with a UTF-8 byte order mark at the start removed. Lines may span chunks.
 */
export async function* readLines(source: TextSource, format: FormatName, maxLineChars = MAX_LINE_CHARS): AsyncGenerator<TextLine, void, undefined> {
  let pending = '';
  let line = 0;
  let started = false;
  const finish = (text: string): TextLine => {
    line++;
    if (text.length > maxLineChars) throw tooLong(format, line, maxLineChars);
    return { text: text.endsWith('\r') ? text.slice(0, -1) : text, line };
  };
  for await (let chunk of chunksOf(source, format)) {
    if (!started && chunk.length > 0) {
      started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    let from = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', from)) {
      const text = pending + chunk.slice(from, nl);
      pending = '';
      from = nl + 1;
      yield finish(text);
    }
    pending += chunk.slice(from);
    if (pending.length > maxLineChars) throw tooLong(format, line + 1, maxLineChars);
  }
  if (pending.length > 0) yield finish(pending);
}

function tooLong(format: FormatName, line: number, max: number): FormatError {
  return new FormatError(format, `line is longer than ${max} characters`, { line });
}

/** The whole text of a source, refusing more than `maxChars`; a leading byte order mark is removed. */
export async function collectText(source: TextSource, format: FormatName, maxChars: number): Promise<string> {
  const parts: string[] = [];
  let length = 0;
  for await (const chunk of chunksOf(source, format)) {
    length += chunk.length;
    if (length > maxChars) throw new FormatError(format, `input is longer than ${maxChars} characters`);
    parts.push(chunk);
  }
  return stripBom(parts.join(''));
}

/** The text without a leading UTF-8 byte order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Joins the chunks a writer yields into one string — for tests and small outputs; stream them
 * instead when the output may be large.
 * @example const json = await joinChunks(writeCoco(tasks, { labels }));
 */
export async function joinChunks(chunks: RecordSource<string>): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.join('');
}
