import { parseLabelConfig, validateResult, type LabelConfigInput } from '@laoshi/core';
import { describe, expect, it } from 'vitest';
import { IMAGE_CONFIG, drive } from './harness.js';

const TEXT_CONFIG: LabelConfigInput = {
  objects: [{ type: 'text', name: 'txt', value: '$text' }, { type: 'text', name: 'txt2', value: '$text2' }],
  controls: [
    { type: 'labels', name: 'ner', toName: ['txt'], labels: [{ value: 'PER' }, { value: 'ORG' }] },
    { type: 'textarea', name: 'note', toName: ['txt'] },
    { type: 'rating', name: 'stars', toName: ['txt'] },
    { type: 'number', name: 'count', toName: ['txt'], min: 0, max: 10 },
    { type: 'pairwise', name: 'pw', toName: ['txt', 'txt2'] },
    { type: 'relations', name: 'rel', labels: [{ value: 'works_at' }] },
  ],
};

/** Label Studio items as its editor writes them, including keys the engine does not model. */
const IMAGE_RESULT = [
  {
    id: 'a1', from_name: 'box', to_name: 'img', type: 'rectanglelabels', origin: 'manual', original_width: 640, original_height: 480, image_rotation: 0,
    value: { x: 12.5, y: 33.333333333333336, width: 20.1, height: 10, rotation: 30, rectanglelabels: ['Car'] },
  },
  { id: 'a1', from_name: 'quality', to_name: 'img', type: 'choices', original_width: 640, original_height: 480, value: { x: 12.5, y: 33.333333333333336, width: 20.1, height: 10, rotation: 30, choices: ['Bad'] } },
  { id: 'p1', from_name: 'poly', to_name: 'img', type: 'polygonlabels', original_width: 640, original_height: 480, readonly: true, value: { points: [[1, 2], [30.5, 2], [30.5, 40]], closed: true, polygonlabels: ['Road'] } },
  { id: 'k1', from_name: 'kp', to_name: 'img', type: 'keypointlabels', original_width: 640, original_height: 480, hidden: false, value: { x: 50, y: 50, width: 0.5, keypointlabels: ['Eye'] } },
  { id: 'c1', from_name: 'scene', to_name: 'img', type: 'choices', value: { choices: ['Night'] } },
  { type: 'relation', from_id: 'a1', to_id: 'p1', direction: 'right', labels: ['near'] },
];

const TEXT_RESULT = [
  { id: 's1', from_name: 'ner', to_name: 'txt', type: 'labels', value: { start: 0, end: 12, text: 'Ada Lovelace', labels: ['PER'] } },
  { id: 's2', from_name: 'ner', to_name: 'txt', type: 'labels', value: { start: 4, end: 12, text: 'Lovelace', labels: ['ORG'] } },
  { id: 't1', from_name: 'note', to_name: 'txt', type: 'textarea', value: { text: ['two people'] } },
  { id: 'r1', from_name: 'stars', to_name: 'txt', type: 'rating', value: { rating: 4 } },
  { id: 'n1', from_name: 'count', to_name: 'txt', type: 'number', value: { number: 2 } },
  { id: 'w1', from_name: 'pw', to_name: 'pw', type: 'pairwise', value: { selected: 'left' } },
  { type: 'relation', from_id: 's1', to_id: 's2' },
];

const byKey = (items: unknown[]) =>
  [...(items as Record<string, unknown>[])].sort((a, b) => JSON.stringify([a.id, a.from_name, a.from_id]).localeCompare(JSON.stringify([b.id, b.from_name, b.from_id])));

describe('result round trip', () => {
  it('an image result read and written without edits is unchanged', () => {
    const t = drive({ initialResult: IMAGE_RESULT });
    expect(t.regions().map((r) => r.geometry.kind)).toEqual(['rectangle', 'polygon', 'keypoint']);
    expect(t.regions()[1]?.locked).toBe(true);
    expect(byKey(t.editor.getResult())).toEqual(byKey(IMAGE_RESULT));
  });

  it('a text result with overlapping spans, answers, relations and a pairwise item is unchanged', () => {
    const t = drive({ config: TEXT_CONFIG, initialResult: TEXT_RESULT });
    expect(t.regions()).toHaveLength(2);
    // Text, rating and number answers are edited by the engine, not passed through.
    expect([...t.state().doc.classifications.values()].map((c) => [c.type, c.value])).toEqual([['textarea', ['two people']], ['rating', 4], ['number', 2]]);
    expect(t.state().doc.passthrough.map((i) => i.type)).toEqual(['pairwise']);
    expect(byKey(t.editor.getResult())).toEqual(byKey(TEXT_RESULT));
  });

  it('what the engine writes passes core validation', () => {
    const t = drive({ initialResult: IMAGE_RESULT });
    t.key('r');
    t.key('2');
    t.drag([10, 10], [200, 100]);
    t.key('p');
    for (const [x, y] of [[500, 100], [600, 100], [600, 200]] as const) t.click(x, y);
    t.key('Enter');
    const result = t.editor.getResult();
    expect(result).toHaveLength(IMAGE_RESULT.length + 2);
    expect(validateResult(parseLabelConfig(IMAGE_CONFIG), result)).toMatchObject({ ok: true });
  });

  it('per-region answers follow their region when it moves', () => {
    const t = drive({ initialResult: IMAGE_RESULT.map((i) => (i.id === 'a1' ? { ...i, value: { ...i.value, rotation: 0 } } : i)) });
    t.key('v');
    t.click(130, 180); // inside a1: x 12.5% → 125 px, y 33.3% → 167 px
    t.key('ArrowRight');
    const [box, quality] = t.editor.getResult().filter((i) => 'id' in i && i.id === 'a1') as { value: { x: number } }[];
    expect(box?.value.x).toBeCloseTo(12.6);
    expect(quality?.value.x).toBe(box?.value.x);
  });

  it('adds the image size to regions that lack it, as Label Studio does', () => {
    const t = drive({ initialResult: [{ id: 'b', from_name: 'box', to_name: 'img', type: 'rectanglelabels', value: { x: 1, y: 1, width: 1, height: 1, rectanglelabels: ['Car'] } }] });
    expect(t.editor.getResult()[0]).toMatchObject({ original_width: 1000, original_height: 500 });
  });

  it('keeps items it cannot edit (unknown controls, a second item for one region) as they were', () => {
    const odd = [
      { id: 'z', from_name: 'nope', to_name: 'img', type: 'rectanglelabels', value: { x: 1, y: 1, width: 1, height: 1, rectanglelabels: ['X'] } },
      { id: 'a1', from_name: 'box', to_name: 'img', type: 'rectanglelabels', original_width: 1000, original_height: 500, value: { x: 1, y: 1, width: 1, height: 1, rectanglelabels: ['Car'] } },
      { id: 'a1', from_name: 'box', to_name: 'img', type: 'rectanglelabels', value: { x: 2, y: 2, width: 2, height: 2, rectanglelabels: ['Car'] } },
    ];
    const t = drive({ initialResult: odd });
    expect(t.regions()).toHaveLength(1);
    expect(byKey(t.editor.getResult())).toEqual(byKey(odd));
  });
});

describe('predictions', () => {
  const prediction = {
    id: 9, score: 0.8, model_version: 'v2',
    result: [
      { id: 'a1', from_name: 'box', to_name: 'img', type: 'rectanglelabels', value: { x: 1, y: 1, width: 5, height: 5, rotation: 0, rectanglelabels: ['Car'] } },
      { id: 'q1', from_name: 'box', to_name: 'img', type: 'rectanglelabels', score: 0.55, value: { x: 50, y: 50, width: 5, height: 5, rotation: 0, rectanglelabels: ['Person'] } },
      { id: 'q2', from_name: 'box', to_name: 'img', type: 'rectanglelabels', value: { x: 70, y: 20, width: 5, height: 5, rotation: 0, rectanglelabels: ['Car'] } },
      { id: 'c9', from_name: 'scene', to_name: 'img', type: 'choices', value: { choices: ['Day'] } },
    ],
  };

  it('appear as suggestions with their scores and stay out of the result until accepted', () => {
    const t = drive({ predictions: [prediction] });
    expect(t.regions().map((r) => [r.id, r.suggestion?.score])).toEqual([['a1', 0.8], ['q1', 0.55], ['q2', 0.8]]);
    expect(t.editor.getResult()).toEqual([]);
  });

  it('a prediction region already in the annotation is not suggested again', () => {
    const t = drive({ initialResult: [prediction.result[0] as Record<string, unknown>], predictions: [prediction] });
    expect(t.regions().map((r) => [r.id, r.suggestion === undefined])).toEqual([['a1', true], ['q1', false], ['q2', false]]);
  });

  it('A accepts the selected suggestion, Shift+A all of them (with classifications), each one undo step', () => {
    const t = drive({ predictions: [prediction] });
    t.key('v');
    t.click(520, 260);
    t.key('a');
    expect(t.editor.getResult()).toEqual([expect.objectContaining({ id: 'q1', origin: 'prediction', score: 0.55 })]);
    t.key('shift+a');
    expect(t.editor.getResult().map((i) => ('id' in i ? i.id : ''))).toEqual(['a1', 'q1', 'q2', 'c9']);
    t.key('mod+z');
    expect(t.editor.getResult()).toHaveLength(1);
  });

  it('editing a suggestion makes it the annotator\'s own', () => {
    const t = drive({ predictions: [prediction] });
    t.key('v');
    t.click(520, 260);
    t.key('ArrowDown');
    expect(t.state().doc.regions.get('q1')?.suggestion).toBeUndefined();
    expect(t.editor.getResult()).toHaveLength(1);
  });
});
