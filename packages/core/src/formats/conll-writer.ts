import { tagsFromSpans, type TagScheme, type TokenSpan } from './bio-tags.js';
import { FormatError } from './format-error.js';
import { dataString, firstLabel, regionsToWrite, type WritableTask, type WriteOptions } from './task-record.js';
import type { RecordSource } from './text-source.js';

export interface ConllWriteOptions extends WriteOptions {
  /** Default `iob2` (BIO). */
  scheme?: TagScheme;
  /** Start each task with a `-DOCSTART- O` line, as CoNLL-2003 starts each document. Default false. */
  docstart?: boolean;
  /**
   * A span that starts or ends inside a token: `expand` (default) tags the whole token, since a
   * token has one tag; `error` throws a FormatError instead.
   */
  partialTokens?: 'expand' | 'error';
}

/**
 * Writes tasks as token-per-line `token TAG` text, streamed task by task. The text (`data.text`)
 * is split into sentences at line breaks and into tokens at whitespace; a blank line ends each
 * sentence. A token takes the tag of the `labels` span that overlaps it (first label of the
 * span); where spans overlap, the one that starts first (then the longer one) keeps the shared
 * tokens. Spans that cover no token character are left out.
 */
export async function* writeConll(tasks: RecordSource<WritableTask>, options: ConllWriteOptions = {}): AsyncGenerator<string, void, undefined> {
  let index = 0;
  for await (const task of tasks) {
    yield conllOf(task, index++, options);
  }
}

function conllOf(task: WritableTask, index: number, options: ConllWriteOptions): string {
  const key = options.dataKey ?? 'text';
  const text = dataString(task, key, index, 'conll');
  const at = (j: number) => `tasks[${index}].${options.from ?? 'annotations'}[0].result[${j}]`;
  const spans = regionsToWrite(task, index, ['labels'], options, 'conll').flatMap((region, j) => {
    const { start, end } = region.value;
    if (typeof start !== 'number' || typeof end !== 'number') return [];
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length)) {
      throw new FormatError('conll', `span ${start}…${end} is not within the ${text.length} characters of data.${key}`, { path: at(j) });
    }
    const label = firstLabel(region, 'conll', at(j));
    if (/\s/.test(label)) throw new FormatError('conll', `label "${label}" cannot be a tag: tags are one word`, { path: at(j) });
    return [{ start, end, label, path: at(j) }];
  });
  spans.sort((a, b) => a.start - b.start || b.end - a.end);

  const tokens = [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const owner: (number | undefined)[] = tokens.map(() => undefined);
  spans.forEach((span, k) => {
    if (span.start === span.end) return;
    for (let i = firstTokenEndingAfter(tokens, span.start); i < tokens.length; i++) {
      const token = tokens[i];
      if (token === undefined || token.start >= span.end) break;
      if (owner[i] !== undefined) continue;
      if (options.partialTokens === 'error' && (span.start > token.start || span.end < token.end)) {
        throw new FormatError('conll', `span ${span.start}…${span.end} cuts the token "${token.text.slice(0, 30)}" at ${token.start}…${token.end}`, { path: span.path });
      }
      owner[i] = k;
    }
  });

  let out = options.docstart === true ? '-DOCSTART- O\n\n' : '';
  let sentenceStart = 0;
  const flush = (end: number) => {
    if (end === sentenceStart) return;
    const entities: TokenSpan[] = [];
    for (let i = sentenceStart; i < end; i++) {
      const k = owner[i];
      const last = entities[entities.length - 1];
      if (k === undefined) continue;
      if (last !== undefined && owner[i - 1] === k && last.end === i - sentenceStart) last.end++;
      else entities.push({ start: i - sentenceStart, end: i - sentenceStart + 1, label: spans[k]?.label ?? '' });
    }
    const tags = tagsFromSpans(end - sentenceStart, entities, options.scheme);
    for (let i = sentenceStart; i < end; i++) out += `${tokens[i]?.text} ${tags[i - sentenceStart]}\n`;
    out += '\n';
    sentenceStart = end;
  };
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    if (previous !== undefined && text.slice(previous.end, token.start).includes('\n')) flush(i);
  });
  flush(tokens.length);
  return out;
}

/** Index of the first token that ends after `offset` (tokens in order), by binary search. */
function firstTokenEndingAfter(tokens: readonly { end: number }[], offset: number): number {
  let [lo, hi] = [0, tokens.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid]?.end ?? 0) > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
