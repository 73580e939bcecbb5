import { describe, expect, it } from 'vitest';
import { addSpan, normaliseSpan, spanSegments, type Region } from '../../src/editor/index.js';
import { drive } from './harness.js';

const TEXT = 'Ada Lovelace met Charles Babbage in London.';
const config = (granularity?: 'word') => ({
  objects: [{ type: 'text' as const, name: 'txt', value: '$text', ...(granularity ? { granularity } : {}) }],
  controls: [
    { type: 'labels' as const, name: 'ner', toName: ['txt'], labels: [{ value: 'PER' }, { value: 'LOC' }] },
    { type: 'relations' as const, name: 'rel', labels: [{ value: 'met' }] },
  ],
});

function span(t: ReturnType<typeof drive>, start: number, end: number) {
  t.editor.act((s, env) => addSpan(s, env.model, env.newId, 'txt', TEXT, start, end));
}

describe('NER spans', () => {
  it('a selection becomes a span with the active label, its text and character offsets', () => {
    const t = drive({ config: config() });
    t.key('1');
    span(t, 0, 12);
    expect(t.editor.getResult()).toEqual([{ id: 'r1', from_name: 'ner', to_name: 'txt', type: 'labels', value: { start: 0, end: 12, text: 'Ada Lovelace', labels: ['PER'] } }]);
    expect([...t.state().selection]).toEqual(['r1']);
  });

  it('trims whitespace at the ends, and snaps to words when the object asks for it', () => {
    expect(normaliseSpan(TEXT, 3, 13)).toMatchObject({ start: 4, end: 12, text: 'Lovelace' });
    expect(normaliseSpan(TEXT, 6, 19, 'word')).toMatchObject({ start: 4, end: 24, text: 'Lovelace met Charles' });
    expect(normaliseSpan(TEXT, 3, 4)).toBeUndefined();
    const t = drive({ config: config('word') });
    span(t, 18, 20);
    expect(t.regions()[0]?.geometry).toMatchObject({ start: 17, end: 24, text: 'Charles' });
  });

  it('spans may overlap; the same range with the same label twice is one span', () => {
    const t = drive({ config: config() });
    t.key('1');
    span(t, 0, 12);
    span(t, 4, 12);
    span(t, 4, 12);
    expect(t.regions().map((r) => r.geometry)).toMatchObject([{ start: 0, end: 12 }, { start: 4, end: 12 }]);
    t.key('2');
    expect(t.regions()[1]?.labels).toEqual(['LOC']); // the selected span was relabelled
  });

  it('cuts the text into segments at every span boundary, innermost span last', () => {
    const regions = [
      { id: 'outer', geometry: { kind: 'span', start: 0, end: 12, text: '' }, hidden: false },
      { id: 'inner', geometry: { kind: 'span', start: 4, end: 12, text: '' }, hidden: false },
      { id: 'gone', geometry: { kind: 'span', start: 17, end: 24, text: '' }, hidden: true },
    ] as unknown as Region[];
    expect(spanSegments(TEXT, regions).map((s) => [s.text, s.spans])).toEqual([
      ['Ada ', ['outer']],
      ['Lovelace', ['outer', 'inner']],
      [TEXT.slice(12), []],
    ]);
  });

  it('relates two selected spans with Alt+R', () => {
    const t = drive({ config: config() });
    span(t, 0, 12);
    span(t, 17, 32);
    t.editor.patch({ selection: new Set(['r1', 'r2']) });
    t.key('alt+r');
    expect(t.editor.getResult().at(-1)).toEqual({ type: 'relation', from_id: 'r1', to_id: 'r2' });
    t.key('alt+r');
    expect(t.state().doc.relations).toHaveLength(1);
  });

  it('does not add spans in a read-only editor', () => {
    const t = drive({ config: config(), readOnly: true });
    span(t, 0, 12);
    expect(t.regions()).toHaveLength(0);
  });
});
