import { describe, expect, it } from 'vitest';
import { joinChunks, readConll, spansFromTags, tagsFromSpans, writeConll, type TaskRecord } from '../../src/formats/index.js';
import { chunked, collect, expectFormatError } from './helpers.js';

const conll2003 = `-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O
. . O O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- -X- O

BRUSSELS NNP B-NP B-LOC
1996-08-22 CD I-NP O
`;

const spans = (task: TaskRecord | undefined) => (task?.annotations?.[0]?.result ?? []).map((r) => (r.type === 'labels' ? [r.value.start, r.value.end, r.value.text, r.value.labels[0]] : []));

describe('CoNLL reader', () => {
  it('makes a task per sentence with exact character offsets', async () => {
    const tasks = await collect(readConll(conll2003));
    expect(tasks.map((t) => t.data.text)).toEqual(['EU rejects German call .', 'Peter Blackburn', 'BRUSSELS 1996-08-22']);
    // "EU" is 0…2; "German" starts after "EU rejects " (2 + 1 + 7 + 1 = 11) and ends at 17
    expect(spans(tasks[0])).toEqual([[0, 2, 'EU', 'ORG'], [11, 17, 'German', 'MISC']]);
    // "Peter Blackburn" is 0…15
    expect(spans(tasks[1])).toEqual([[0, 15, 'Peter Blackburn', 'PER']]);
    expect(tasks[0]?.annotations?.[0]?.result[0]).toEqual({
      id: 'ner-1', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 2, text: 'EU', labels: ['ORG'] },
    });
  });

  it('makes a task per document, sentences on their own lines', async () => {
    const [first, second] = await collect(readConll(conll2003, { per: 'document' }));
    expect(first?.data.text).toBe('EU rejects German call .\nPeter Blackburn');
    // "Peter" starts after the 24 characters of the first sentence and its line break
    expect(spans(first)).toEqual([[0, 2, 'EU', 'ORG'], [11, 17, 'German', 'MISC'], [25, 40, 'Peter Blackburn', 'PER']]);
    expect(second?.data.text).toBe('BRUSSELS 1996-08-22');
  });

  it('reads CRLF files in small chunks the same, and another tag column', async () => {
    const crlf = chunked(conll2003.replace(/\n/g, '\r\n'), 5);
    expect(await collect(readConll(crlf))).toEqual(await collect(readConll(conll2003)));
    const chunkTags = await collect(readConll('EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n', { tagColumn: 2 }));
    expect(spans(chunkTags[0])).toEqual([[0, 2, 'EU', 'NP'], [3, 10, 'rejects', 'VP']]);
  });

  it('reads IOB1 and BIO differently where they differ', async () => {
    // IOB1: I-PER I-PER is one person; B-PER splits two adjacent persons; I-LOC after O starts a place
    const iob1 = 'Ann I-PER\nLee I-PER\nBob B-PER\nin O\nRome I-LOC\n';
    const read = (scheme: 'iob1' | 'bio', strict = false) => collect(readConll(iob1, { scheme, strict }));
    expect(spans((await read('iob1', true))[0])).toEqual([[0, 7, 'Ann Lee', 'PER'], [8, 11, 'Bob', 'PER'], [15, 19, 'Rome', 'LOC']]);
    // BIO repairs I- that starts an entity into B- (conlleval's reading), so the spans agree …
    expect(spans((await read('bio'))[0])).toEqual(spans((await read('iob1'))[0]));
    // … but strict BIO refuses it, naming the line
    await expectFormatError(() => read('bio', true), 'conll', /line 1: I-PER starts an entity; in BIO\/IOB2 entities start with B-PER/);
    // strict IOB1 refuses a B- that does not follow an entity of its type
    await expectFormatError(() => collect(readConll('in O\nRome B-LOC\n', { scheme: 'iob1', strict: true })), 'conll', /line 2: B-LOC does not follow/);
  });

  it('starts a new entity at I-X after B-Y (the documented repair)', () => {
    expect(spansFromTags(['B-PER', 'I-ORG', 'I-ORG', 'O'])).toEqual([{ start: 0, end: 1, label: 'PER' }, { start: 1, end: 3, label: 'ORG' }]);
    expect(spansFromTags(['B-PER', 'B-PER', 'I-PER'])).toEqual([{ start: 0, end: 1, label: 'PER' }, { start: 1, end: 3, label: 'PER' }]);
  });

  it('names the line of a bad tag or a missing column', async () => {
    await expectFormatError(() => collect(readConll('EU B-ORG\nrejects X-VERB\n')), 'conll', /line 2: tag "X-VERB" is not O/);
    await expectFormatError(() => collect(readConll('EU B-ORG\nrejects\n')), 'conll', /line 2: expected a token and a tag/);
    await expectFormatError(() => collect(readConll('a b c O\n', { tagColumn: 7 })), 'conll', /tag column 7 is missing/);
    await expectFormatError(() => collect(readConll('a O\nb O\nc O\n', { maxTokens: 2 })), 'conll', /line 3: more than 2 tokens/);
  });
});

const labelled = (text: string, items: [number, number, string][]) => ({
  data: { text },
  annotations: [{ result: items.map(([start, end, label], i) => ({ id: `s${i}`, from_name: 'label', to_name: 'text', type: 'labels', value: { start, end, labels: [label] } })) }],
});

describe('CoNLL writer', () => {
  it('writes BIO and IOB1 tags, a blank line after each sentence', async () => {
    const task = labelled('Ann Lee met Bob Ray\nin Rome', [[0, 7, 'PER'], [12, 19, 'PER'], [23, 27, 'LOC']]);
    expect(await joinChunks(writeConll([task]))).toBe('Ann B-PER\nLee I-PER\nmet O\nBob B-PER\nRay I-PER\n\nin O\nRome B-LOC\n\n');
    const adjacent = labelled('Ann Lee Bob', [[0, 7, 'PER'], [8, 11, 'PER']]);
    expect(await joinChunks(writeConll([adjacent], { scheme: 'iob1', docstart: true }))).toBe('-DOCSTART- O\n\nAnn I-PER\nLee I-PER\nBob B-PER\n\n');
    expect(tagsFromSpans(4, [{ start: 1, end: 3, label: 'ORG' }], 'iob1')).toEqual(['O', 'I-ORG', 'I-ORG', 'O']);
  });

  it('tags a whole token when a span cuts it, or refuses on request', async () => {
    // "Rome's" is 3…9; the span 3…7 covers "Rome" only, so the whole token is tagged
    const cut = labelled("in Rome's park", [[3, 7, 'LOC']]);
    expect(await joinChunks(writeConll([cut]))).toBe("in O\nRome's B-LOC\npark O\n\n");
    await expectFormatError(() => joinChunks(writeConll([cut], { partialTokens: 'error' })), 'conll', /tasks\[0\]\.annotations\[0\]\.result\[0\]: span 3…7 cuts the token "Rome's"/);
  });

  it('gives shared tokens to the span that starts first', async () => {
    const overlapping = labelled('New York City Hall', [[9, 18, 'FAC'], [0, 13, 'LOC']]);
    expect(await joinChunks(writeConll([overlapping]))).toBe('New B-LOC\nYork I-LOC\nCity I-LOC\nHall B-FAC\n\n');
  });

  it('refuses spans outside the text and labels with spaces', async () => {
    await expectFormatError(() => joinChunks(writeConll([labelled('a b', [[0, 9, 'X']])])), 'conll', /not within the 3 characters/);
    await expectFormatError(() => joinChunks(writeConll([labelled('a b', [[0, 1, 'New York']])])), 'conll', /cannot be a tag/);
    await expectFormatError(() => joinChunks(writeConll([{ data: { body: 'a' } }])), 'conll', /tasks\[0\]\.data\.text: data\.text must be a string/);
  });

  it('round-trips sentences and documents', async () => {
    for (const per of ['sentence', 'document'] as const) {
      const tasks = await collect(readConll(conll2003, { per }));
      const again = await collect(readConll(await joinChunks(writeConll(tasks, { docstart: per === 'document' })), { per }));
      expect(again).toEqual(tasks);
    }
  });
});
