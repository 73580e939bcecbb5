import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LaoshiError } from '../../src/errors.js';
import { tasksOfText, type ReaderTargets } from '../../src/modules/imports/import-formats.js';
import { mutated, parsesOrFailsTyped } from '../../../core/test/fuzz/mutations.js';

// CSV and TSV are parsed on the server (csv-parse), not in core: the same fuzzing as core's
// readers — broken valid files in any chunking yield rows or a LaoshiError naming the file.

const TARGETS: ReaderTargets = { imageKey: 'image', textKey: 'text', labelsAs: 'annotations', tagScheme: 'iob2' };
const CSV_SEEDS = [
  'text,label,score\r\n"Hello, world",pos,0.5\r\n"She said ""hi""",neg,1\r\n中文,pos,\r\n',
  '\ufeffimage,note\n/data/a.jpg,"multi\nline"\n/data/b.jpg,=HYPERLINK("x")\n',
];
const TSV_SEEDS = ['text\tlabel\nfirst\ta\nsecond\tb\n', 'id\ttext\n1\t"quoted\ttab"\n2\tplain\n'];

async function* chunks(text: string, size: number): AsyncGenerator<string, void, undefined> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const rowsOrBadFile = (kind: 'csv' | 'tsv', text: string, size: number) =>
  parsesOrFailsTyped(LaoshiError, async () => {
    try {
      for await (const row of tasksOfText(kind, chunks(text, size), 'data.csv', TARGETS)) expect(row.where).toMatch(/^data\.csv row \d+$/);
    } catch (err) {
      if (err instanceof LaoshiError) expect(err.message).toMatch(/^data\.csv line \d+: /);
      throw err;
    }
  });

describe('CSV/TSV import parser on mutated files', () => {
  it('reads the unbroken seeds', async () => {
    const rows = [];
    for await (const row of tasksOfText('csv', chunks(CSV_SEEDS[0]!, 7), 'data.csv', TARGETS)) rows.push(row.task);
    expect(rows).toEqual([{ data: { text: 'Hello, world', label: 'pos', score: '0.5' } }, { data: { text: 'She said "hi"', label: 'neg', score: '1' } }, { data: { text: '中文', label: 'pos', score: '' } }]);
  });

  it('yields rows or a LaoshiError naming the file and line, in any chunking', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(mutated(CSV_SEEDS).map((t) => ['csv', t] as const), mutated(TSV_SEEDS).map((t) => ['tsv', t] as const)), fc.integer({ min: 1, max: 40 }), async ([kind, text], size) => {
      await rowsOrBadFile(kind, text, size);
    }), { numRuns: 300, timeout: 5_000 });
  });

  it('keeps a __proto__ or constructor column from touching any prototype', async () => {
    const rows = [];
    for await (const row of tasksOfText('csv', chunks('__proto__,constructor,text\n"{""polluted"":1}",x,hello\n', 5), 'data.csv', TARGETS)) rows.push(row.task as { data: Record<string, unknown> });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.data.text).toBe('hello');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(rows[0]!.data)).not.toHaveProperty('polluted');
  });
});
