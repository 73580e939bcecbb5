import { describe, expect, it } from 'vitest';
import { labelConfigFromXml } from '../../src/label-config/index.js';
import { resultItemSchema, validateResult } from '../../src/results/index.js';
import { config, goodResult } from './fixtures.js';

type Item = Record<string, unknown> & { value?: Record<string, unknown> };

/** Validates the good result after `edit`, returning the issues (empty when accepted). */
function issuesAfter(edit: (result: Item[]) => void) {
  const result = goodResult() as Item[];
  edit(result);
  const outcome = validateResult(config, result);
  return outcome.ok ? [] : outcome.issues;
}

/** The paths of the issues after `edit`. */
const pathsAfter = (edit: (result: Item[]) => void) => issuesAfter(edit).map((issue) => issue.path);
const item = (result: Item[], i: number): Item => result[i] as Item;
const value = (result: Item[], i: number): Record<string, unknown> => item(result, i).value as Record<string, unknown>;

describe('validateResult accepts Label Studio results', () => {
  it('accepts a result with every kind of item', () => {
    const outcome = validateResult(config, goodResult());
    expect(outcome).toEqual({ ok: true, result: goodResult() });
  });

  it('keeps unknown keys on items and values', () => {
    const result = goodResult() as Item[];
    Object.assign(item(result, 0), { parentID: 'p1', item_index: 0, custom: { deep: [1] } });
    Object.assign(value(result, 0), { extra: 'kept' });
    const outcome = validateResult(config, result);
    expect(outcome.ok && outcome.result[0]).toMatchObject({ parentID: 'p1', item_index: 0, custom: { deep: [1] }, value: { extra: 'kept' } });
  });

  it('accepts an empty result and a prediction score', () => {
    expect(validateResult(config, []).ok).toBe(true);
    expect(pathsAfter((r) => { item(r, 0).score = 0.87; })).toEqual([]);
  });

  it('allows tiny float slop at the percent bounds', () => {
    expect(pathsAfter((r) => { Object.assign(value(r, 0), { x: 70.00000000001, width: 30 }); })).toEqual([]);
    expect(pathsAfter((r) => { Object.assign(value(r, 3), { x: -1e-9 }); })).toEqual([]);
  });

  it('lets a rotated box reach past the image edge', () => {
    expect(pathsAfter((r) => { Object.assign(value(r, 0), { x: 90, width: 30, rotation: 45 }); })).toEqual([]);
  });

  it('accepts a ranker result as a plain ordered list', () => {
    expect(pathsAfter((r) => { value(r, 16).ranker = ['mdn', 'blog']; })).toEqual([]);
  });

  it('accepts relation labels freely when the config has no relations control', () => {
    const noRelations = labelConfigFromXml('<View><Text name="text" value="$t"/><Labels name="ner" toName="text"><Label value="PER"/></Labels></View>');
    const result = [
      { id: 'a', from_name: 'ner', to_name: 'text', type: 'labels', value: { start: 0, end: 1, labels: ['PER'] } },
      { id: 'b', from_name: 'ner', to_name: 'text', type: 'labels', value: { start: 2, end: 3, labels: ['PER'] } },
      { from_id: 'a', to_id: 'b', type: 'relation', direction: 'bi', labels: ['anything'] },
    ];
    expect(validateResult(noRelations, result).ok).toBe(true);
  });
});

describe('validateResult rejects bad results with the right path', () => {
  it('rejects a result that is not an array', () => {
    expect(validateResult(config, { result: [] })).toEqual({ ok: false, issues: [{ path: 'result', message: 'result must be an array of result items' }] });
  });

  it('rejects an unknown item type', () => {
    const issues = issuesAfter((r) => { item(r, 0).type = 'brushlabels'; });
    expect(issues).toEqual([{ path: 'result[0].type', message: expect.stringMatching(/^type must be one of rectanglelabels, /) }]);
  });

  it('rejects wrong types on known keys', () => {
    expect(pathsAfter((r) => { item(r, 3).id = 7; })).toEqual(['result[3].id']);
    expect(pathsAfter((r) => { item(r, 0).score = 'high'; })).toEqual(['result[0].score']);
    expect(pathsAfter((r) => { item(r, 0).readonly = 'yes'; })).toEqual(['result[0].readonly']);
    expect(pathsAfter((r) => { item(r, 0).original_width = -5; })).toEqual(['result[0].original_width']);
    expect(pathsAfter((r) => { value(r, 11).text = 'hello'; })).toEqual(['result[11].value.text']);
    expect(pathsAfter((r) => { value(r, 15).selected = 'middle'; })).toEqual(['result[15].value.selected']);
    expect(pathsAfter((r) => { delete value(r, 0).rectanglelabels; })).toEqual(['result[0].value.rectanglelabels']);
  });

  it('rejects a from_name that is not a control', () => {
    const issues = issuesAfter((r) => { item(r, 0).from_name = 'bbox'; });
    expect(issues).toEqual([{ path: 'result[0].from_name', message: '"bbox" is not a control of this label config' }]);
  });

  it('rejects an item whose type does not match its control', () => {
    const issues = issuesAfter((r) => { Object.assign(item(r, 2), { from_name: 'box' }); });
    expect(issues).toEqual([{ path: 'result[2].type', message: 'control "box" is a rectanglelabels control, so its items have type "rectanglelabels", not "polygonlabels"' }]);
  });

  it('rejects a to_name the control does not label', () => {
    expect(pathsAfter((r) => { item(r, 0).to_name = 'text'; })).toEqual(['result[0].to_name']);
    expect(pathsAfter((r) => { item(r, 15).to_name = 'text'; })).toEqual(['result[15].to_name']);
  });

  it('rejects a label that is not in the control', () => {
    const issues = issuesAfter((r) => { value(r, 0).rectanglelabels = ['Bus']; });
    expect(issues).toEqual([{ path: 'result[0].value.rectanglelabels[0]', message: 'label "Bus" is not in control "box" (expected "Car", "Person")' }]);
    expect(pathsAfter((r) => { value(r, 4).labels = ['PER', 'LOC']; })).toEqual(['result[4].value.labels[1]']);
  });

  it('rejects two labels on a region of a single-choice control', () => {
    expect(pathsAfter((r) => { value(r, 0).rectanglelabels = ['Car', 'Person']; })).toEqual(['result[0].value.rectanglelabels']);
    expect(pathsAfter((r) => { value(r, 4).labels = ['PER', 'ORG']; })).toEqual([]);
  });

  it('rejects percent coordinates outside [0, 100]', () => {
    expect(pathsAfter((r) => { value(r, 0).x = 101; })).toEqual(['result[0].value.x']);
    expect(pathsAfter((r) => { value(r, 0).width = -3; })).toEqual(['result[0].value.width']);
    expect(pathsAfter((r) => { Object.assign(value(r, 0), { x: 80, width: 30 }); })).toEqual(['result[0].value.width']);
    expect(pathsAfter((r) => { Object.assign(value(r, 0), { y: 70, height: 30.01 }); })).toEqual(['result[0].value.height']);
    expect(pathsAfter((r) => { value(r, 2).points = [[2, 2], [100.5, 8]]; })).toEqual(['result[2].value.points[1][0]']);
    expect(pathsAfter((r) => { value(r, 3).y = -0.5; })).toEqual(['result[3].value.y']);
    expect(pathsAfter((r) => { ((value(r, 12).sequence as Item[])[1] as Item).x = 120; })).toEqual(['result[12].value.sequence[1].x']);
  });

  it('rejects a choice that is not in the control, and two choices on a single-choice control', () => {
    expect(pathsAfter((r) => { value(r, 7).choices = ['Sports', 'Weather']; })).toEqual(['result[7].value.choices[1]']);
    const issues = issuesAfter((r) => { value(r, 8).choices = ['Positive', 'Negative']; });
    expect(issues).toEqual([{ path: 'result[8].value.choices', message: 'choices control "sentiment" allows a single choice, got 2' }]);
  });

  it('rejects a rating above maxRating or below 1', () => {
    expect(issuesAfter((r) => { value(r, 13).rating = 6; })).toEqual([{ path: 'result[13].value.rating', message: 'rating 6 is above maxRating 5 of control "stars"' }]);
    expect(pathsAfter((r) => { value(r, 13).rating = 0; })).toEqual(['result[13].value.rating']);
    expect(pathsAfter((r) => { value(r, 13).rating = 2.5; })).toEqual(['result[13].value.rating']);
  });

  it('rejects a number outside the control min and max', () => {
    expect(pathsAfter((r) => { value(r, 14).number = 101; })).toEqual(['result[14].value.number']);
  });

  it('rejects relations whose endpoints are not regions of the result', () => {
    const issues = issuesAfter((r) => { item(r, 6).to_id = 'ent9'; });
    expect(issues).toEqual([{ path: 'result[6].to_id', message: 'relation to_id "ent9" is not the id of a region in this result' }]);
    expect(pathsAfter((r) => { item(r, 6).from_id = 'cls1'; })).toEqual(['result[6].from_id']);
  });

  it('rejects relation labels missing from the relations control', () => {
    const issues = issuesAfter((r) => { item(r, 6).labels = ['works_for', 'married_to']; });
    expect(issues).toEqual([{ path: 'result[6].labels[1]', message: 'relation label "married_to" is not in relations control "relations"' }]);
    expect(pathsAfter((r) => { item(r, 6).direction = 'up'; })).toEqual(['result[6].direction']);
  });

  it('rejects a per-region item whose id names no region', () => {
    expect(pathsAfter((r) => { item(r, 11).id = 'seg9'; })).toEqual(['result[11].id']);
    expect(pathsAfter((r) => { item(r, 1).id = 'cls1'; })).toEqual(['result[1].id']);
  });

  it('rejects a second item for the same control and region, or for the same whole-task control', () => {
    expect(pathsAfter((r) => { r.push({ ...item(r, 0), value: { ...value(r, 0), x: 1 } }); })).toEqual(['result[17].from_name']);
    expect(pathsAfter((r) => { r.push({ ...item(r, 8), id: 'cls3' }); })).toEqual(['result[17].from_name']);
  });

  it('checks spans: whole offsets on text, end after start, xpaths only on hypertext', () => {
    expect(pathsAfter((r) => { value(r, 4).start = 0.5; })).toEqual(['result[4].value.start']);
    expect(pathsAfter((r) => { Object.assign(value(r, 4), { start: 9, end: 5 }); })).toEqual(['result[4].value.end']);
    expect(pathsAfter((r) => { value(r, 4).start = '/p[1]'; })).toEqual(['result[4].value.start']);
    expect(pathsAfter((r) => { Object.assign(item(r, 9), { from_name: 'ner', to_name: 'text', value: { ...value(r, 9), hypertextlabels: ['PER'] } }); }))
      .toEqual(['result[9].type']);
    expect(pathsAfter((r) => { Object.assign(value(r, 10), { start: 8.2, end: 3.1 }); })).toEqual(['result[10].value.end']);
  });

  it('checks video tracks: labels from a labels control on the video, keyframes in order', () => {
    expect(pathsAfter((r) => { value(r, 12).labels = ['Dog']; })).toEqual(['result[12].value.labels[0]']);
    expect(pathsAfter((r) => { ((value(r, 12).sequence as Item[])[1] as Item).frame = 1; })).toEqual(['result[12].value.sequence[1].frame']);
    expect(pathsAfter((r) => { ((value(r, 12).sequence as Item[])[0] as Item).enabled = 'yes'; })).toEqual(['result[12].value.sequence[0].enabled']);
    expect(pathsAfter((r) => { Object.assign(item(r, 10), { from_name: 'video_labels', to_name: 'video', value: { ...value(r, 10), labels: ['Man'] } }); })).toEqual(['result[10].to_name']);
  });

  it('rejects a ranker bucket the control does not have', () => {
    expect(pathsAfter((r) => { value(r, 16).ranker = { relevant: ['a'], trash: ['b'] }; })).toEqual(['result[16].value.ranker.trash']);
  });

  it('rejects too many transcriptions for maxSubmissions', () => {
    expect(pathsAfter((r) => { value(r, 11).text = ['a', 'b', 'c']; })).toEqual(['result[11].value.text']);
  });

  it('reports every bad item, not only the first', () => {
    expect(pathsAfter((r) => { value(r, 0).x = 200; item(r, 13).from_name = 'nope'; })).toEqual(['result[0].value.x', 'result[13].from_name']);
  });
});

describe('resultItemSchema', () => {
  it('parses a relation without labels or direction', () => {
    expect(resultItemSchema.parse({ type: 'relation', from_id: 'a', to_id: 'b' })).toEqual({ type: 'relation', from_id: 'a', to_id: 'b' });
  });

  it('rejects NaN and Infinity coordinates', () => {
    const box = (x: number) => ({ id: 'a', from_name: 'b', to_name: 'c', type: 'rectanglelabels', value: { x, y: 0, width: 1, height: 1, rectanglelabels: [] } });
    expect(resultItemSchema.safeParse(box(Number.NaN)).success).toBe(false);
    expect(resultItemSchema.safeParse(box(Number.POSITIVE_INFINITY)).success).toBe(false);
  });
});
