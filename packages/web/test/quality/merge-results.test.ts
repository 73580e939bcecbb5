import { describe, expect, it } from 'vitest';
import type { ResultItem } from '../../src/app/api/api-types.js';
import { agreementSearch, measurableControls } from '../../src/app/quality/agreement-options.js';
import { mergeRegions } from '../../src/app/quality/merge-results.js';
import { regionNames } from '../../src/app/quality/region-names.js';
import { parseLabelConfig } from '@laoshi/core';

const box = (id: string, label: string, x = 10): ResultItem => ({ id, from_name: 'label', to_name: 'image', type: 'rectanglelabels', value: { x, y: 10, width: 5, height: 5, rotation: 0, rectanglelabels: [label] } });
const choice = (value: string): ResultItem => ({ id: 'c1', from_name: 'kind', to_name: 'image', type: 'choices', value: { choices: [value] } });

describe('mergeRegions (adjudication "add its regions")', () => {
  it("adds the other version's regions and keeps the base's whole-task answers", () => {
    const merged = mergeRegions([box('a', 'Car'), choice('day')], [box('b', 'Road', 50), choice('night')]);
    expect(merged).toEqual([box('a', 'Car'), choice('day'), box('b', 'Road', 50)]);
  });

  it('gives a colliding region a fresh id and carries its per-region items and relations along', () => {
    const note = { id: 'a', from_name: 'note', to_name: 'image', type: 'textarea', value: { text: ['blurry'] } };
    const extra = [box('a', 'Road', 50), note, box('b', 'Car', 70), { type: 'relation', from_id: 'a', to_id: 'b', direction: 'right' }];
    let n = 0;
    const merged = mergeRegions([box('a', 'Car')], extra, () => `fresh${++n}`);
    expect(merged).toEqual([
      box('a', 'Car'),
      box('fresh1', 'Road', 50),
      { ...note, id: 'fresh1' },
      box('b', 'Car', 70),
      { type: 'relation', from_id: 'fresh1', to_id: 'b', direction: 'right' },
    ]);
  });
});

describe('quality helpers', () => {
  it('names regions by their labels and kind', () => {
    expect(regionNames([box('a', 'Car'), choice('day')])).toEqual(new Map([['a', 'Car · rectangle'], ['c1', 'choices']]));
  });

  it('offers each measurable control with its metrics, and asks only for the options a metric takes', () => {
    const config = parseLabelConfig('<View><Image name="image" value="$image"/><RectangleLabels name="label" toName="image"><Label value="Car"/></RectangleLabels><Choices name="kind" toName="image"><Choice value="day"/></Choices><TextArea name="note" toName="image"/></View>');
    expect(measurableControls(config).map((c) => [c.name, c.metrics[0]])).toEqual([['label', 'region-f1'], ['kind', 'krippendorff']]);
    const q = { fromName: 'kind', metric: 'krippendorff', level: 'ordinal', weights: 'linear', threshold: '0.5', spanMatch: 'exact' };
    expect(agreementSearch(q)).toBe('fromName=kind&metric=krippendorff&limit=20&level=ordinal');
    expect(agreementSearch({ ...q, metric: 'cohen' })).toBe('fromName=kind&metric=cohen&limit=20&weights=linear');
  });
});
