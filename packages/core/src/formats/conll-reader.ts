import type { RegionResultItem } from '../results/result-schema.js';
import { spansFromTags, type TagDecodeOptions } from './bio-tags.js';
import { FormatError } from './format-error.js';
import { spanRegion, type RegionBase } from './image-regions.js';
import { makeTask, type ReadOptions, type TaskRecord } from './task-record.js';
import { readLines, type TextSource } from './text-source.js';

export interface ConllReadOptions extends ReadOptions, TagDecodeOptions {
  /** One task per sentence (default) or per document (`-DOCSTART-` to `-DOCSTART-`). */
  per?: 'sentence' | 'document';
  /** Column of the tag, from 0; negative counts from the end. Default −1, the last column. */
  tagColumn?: number;
  /** Most tokens in one task, so a file without blank lines cannot fill memory; default 1,000,000. */
  maxTokens?: number;
}

interface Token {
  token: string;
  tag: string;
  line: number;
}

/**
 * Reads CoNLL-2003-style NER files: a token per line with columns split on whitespace (token
 * first, tag last by default), a blank line between sentences, `-DOCSTART-` lines separating
 * documents (skipped). Each task is `{ data: { text }, annotations: [{ result }] }`, where `text`
 * is the tokens joined by single spaces — and, per document, the sentences joined by "\n" — and
 * each entity is a `labels` region whose `start`/`end` are exact offsets into `text` (UTF-16 code
 * units, as Label Studio counts). Tags are read per `scheme` and `strict` (see `spansFromTags`);
 * entities never cross a sentence break. Region ids are `ner-1`, `ner-2`, … per task.
 * Throws FormatError naming the line.
 */
export async function* readConll(source: TextSource, options: ConllReadOptions = {}): AsyncGenerator<TaskRecord, void, undefined> {
  const perDocument = options.per === 'document';
  const maxTokens = options.maxTokens ?? 1_000_000;
  let sentences: Token[][] = [];
  let sentence: Token[] = [];
  let tokens = 0;
  const endSentence = () => {
    if (sentence.length > 0) sentences.push(sentence);
    sentence = [];
  };
  const take = (): TaskRecord | undefined => {
    const task = sentences.length > 0 ? taskOf(sentences, options) : undefined;
    [sentences, tokens] = [[], 0];
    return task;
  };

  for await (const { text, line } of readLines(source, 'conll')) {
    const columns = text.trim().split(/\s+/);
    const first = columns[0] ?? '';
    if (first === '' || first === '-DOCSTART-') {
      endSentence();
      if (first === '-DOCSTART-' || !perDocument) {
        const task = take();
        if (task !== undefined) yield task;
      }
      continue;
    }
    if (columns.length < 2) throw new FormatError('conll', `expected a token and a tag, got one column "${first.slice(0, 30)}"`, { line });
    const column = options.tagColumn ?? -1;
    const tag = columns.at(column);
    if (tag === undefined || (column >= 0 ? column : columns.length + column) === 0) {
      throw new FormatError('conll', `line has ${columns.length} columns, so tag column ${column} is missing or is the token`, { line });
    }
    if (++tokens > maxTokens) throw new FormatError('conll', `more than ${maxTokens} tokens in one ${perDocument ? 'document' : 'sentence'}`, { line });
    sentence.push({ token: first, tag, line });
  }
  endSentence();
  const task = take();
  if (task !== undefined) yield task;
}

function taskOf(sentences: Token[][], options: ConllReadOptions): TaskRecord {
  const base: RegionBase = { fromName: options.fromName ?? 'label', toName: options.toName ?? 'text' };
  const lines = sentences.map((tokens) => tokens.map((t) => t.token).join(' '));
  const text = lines.join('\n');
  const result: RegionResultItem[] = [];
  let offset = 0;
  sentences.forEach((tokens, s) => {
    const starts: number[] = [];
    let at = offset;
    for (const t of tokens) {
      starts.push(at);
      at += t.token.length + 1;
    }
    const spans = spansFromTags(tokens.map((t) => t.tag), options, (i) => ({ line: tokens[i]?.line }));
    for (const span of spans) {
      const start = starts[span.start] ?? 0;
      const last = tokens[span.end - 1];
      const end = (starts[span.end - 1] ?? 0) + (last?.token.length ?? 0);
      result.push(spanRegion(`ner-${result.length + 1}`, span.label, start, end, text, base));
    }
    offset += (lines[s]?.length ?? 0) + 1;
  });
  return makeTask({ [options.dataKey ?? 'text']: text }, result, options);
}
