import { FormatError, type FormatErrorLocation } from './format-error.js';

/**
 * How B- and I- tags mark entities. `iob2` (also called `bio`): every entity starts with B-X.
 * `iob1` (CoNLL-2003's original files): entities are I-X, and B-X only starts an entity that
 * directly follows another one of the same type.
 */
export type TagScheme = 'iob2' | 'bio' | 'iob1';

/** An entity over tokens `start` … `end − 1`. */
export interface TokenSpan {
  start: number;
  end: number;
  label: string;
}

export interface TagDecodeOptions {
  /** Default `iob2`. */
  scheme?: TagScheme;
  /** Refuse inconsistent tags instead of repairing them (see `spansFromTags`). Default false. */
  strict?: boolean;
}

/**
 * Entities from one tag per token. O ends an entity; B-X starts one. I-X continues the entity
 * before it when that one is an X; otherwise it starts a new X entity — the normal start in IOB1,
 * and in BIO/IOB2 an inconsistency (I-X after O, or after B-Y/I-Y), repaired the way conlleval and
 * seqeval read it. With `strict`, inconsistencies throw instead: in BIO/IOB2 an I-X that starts an
 * entity, in IOB1 a B-X that does not follow an X entity. A tag that is not O, B-X or I-X always
 * throws. `locate` names the position of token i in errors (default: path `tags[i]`).
 * @example spansFromTags(['B-PER', 'I-PER', 'O', 'I-LOC']) // [{ start: 0, end: 2, label: 'PER' }, { start: 3, end: 4, label: 'LOC' }]
 */
export function spansFromTags(tags: readonly string[], options: TagDecodeOptions = {}, locate = (i: number): FormatErrorLocation => ({ path: `tags[${i}]` })): TokenSpan[] {
  const iob1 = options.scheme === 'iob1';
  const spans: TokenSpan[] = [];
  let open: TokenSpan | undefined;
  tags.forEach((tag, i) => {
    if (tag === 'O') {
      open = undefined;
      return;
    }
    const match = /^([BI])-(\S+)$/.exec(tag);
    if (match === null) throw new FormatError('conll', `tag "${tag.slice(0, 30)}" is not O, B-<type> or I-<type>`, locate(i));
    const [, prefix, label = ''] = match;
    const continues = open !== undefined && open.label === label && open.end === i;
    if (prefix === 'I' && continues && open !== undefined) {
      open.end = i + 1;
      return;
    }
    if (options.strict === true) {
      if (prefix === 'I' && !iob1) throw new FormatError('conll', `I-${label} starts an entity; in BIO/IOB2 entities start with B-${label}`, locate(i));
      if (prefix === 'B' && iob1 && !continues) throw new FormatError('conll', `B-${label} does not follow an ${label} entity; in IOB1 entities start with I-${label}`, locate(i));
    }
    open = { start: i, end: i + 1, label };
    spans.push(open);
  });
  return spans;
}

/**
 * One tag per token for entities that do not overlap, in order of `start`: B-X then I-X… in
 * BIO/IOB2; I-X… in IOB1, with B-X only where an entity directly follows another X entity.
 */
export function tagsFromSpans(count: number, spans: readonly TokenSpan[], scheme: TagScheme = 'iob2'): string[] {
  const tags: string[] = new Array<string>(count).fill('O');
  let previous: TokenSpan | undefined;
  for (const span of spans) {
    if (/\s/.test(span.label) || span.label === '') throw new FormatError('conll', `label "${span.label}" cannot be a tag: tags are one word`);
    const adjacent = previous !== undefined && previous.end === span.start && previous.label === span.label;
    for (let i = span.start; i < span.end && i < count; i++) {
      const begins = i === span.start && (scheme !== 'iob1' || adjacent);
      tags[i] = `${begins ? 'B' : 'I'}-${span.label}`;
    }
    previous = span;
  }
  return tags;
}
