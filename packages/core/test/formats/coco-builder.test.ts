import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundedFast } from '../../src/formats/coco-writer.js';
import { CocoBuilder, FormatError, writeCoco, type WritableTask } from '../../src/formats/index.js';
import { rounded } from '../../src/formats/task-record.js';
import { collect } from './helpers.js';

const box = (id: string, label: string, x: number, y: number, w: number, h: number, rotation = 0) => ({
  id, from_name: 'label', to_name: 'image', type: 'rectanglelabels', original_width: 640, original_height: 480, value: { x, y, width: w, height: h, rotation, rectanglelabels: [label] },
});
const polygon = (id: string, label: string, points: [number, number][]) => ({
  id, from_name: 'poly', to_name: 'image', type: 'polygonlabels', original_width: 640, original_height: 480, value: { points, polygonlabels: [label] },
});

describe('CocoBuilder', () => {
  const tasks: WritableTask[] = [
    { data: { image: 'a "quoted" 中文.jpg' }, annotations: [{ result: [box('b1', 'Car', 10.123456789, 20, 30, 40), polygon('p1', 'Person', [[1, 1], [50, 2.5], [25, 60]])] }] },
    { data: { image: 'empty.jpg' }, meta: { original_width: 100, original_height: 50 }, annotations: [{ result: [] }] },
    { data: { image: 'b.jpg' }, annotations: [{ result: [box('b2', 'Bike', 0, 0, 100, 100, 30), box('b3', 'Car', 5, 5, 1, 1)] }] },
  ];

  it('gives the entries writeCoco writes: the same file laid out by hand, read once', async () => {
    const options = { labels: ['Car', 'Road'], decimals: 6 };
    const coco = new CocoBuilder(options);
    const images: string[] = [];
    const annotations: string[] = [];
    for (const task of tasks) {
      const { image, annotations: entries } = coco.add(task);
      images.push(image);
      if (entries !== '') annotations.push(entries);
    }
    const byHand = `{"images":[${images.join(',')}],"annotations":[${annotations.join(',')}],"categories":${coco.categoriesJson()}}\n`;
    expect(byHand).toBe((await collect(writeCoco(tasks, options))).join(''));
    expect(coco.annotationCount).toBe(4);
    // Labels not in the list follow in the order met.
    expect(JSON.parse(coco.categoriesJson())).toEqual([
      { id: 1, name: 'Car', supercategory: '' }, { id: 2, name: 'Road', supercategory: '' }, { id: 3, name: 'Person', supercategory: '' }, { id: 4, name: 'Bike', supercategory: '' },
    ]);
  });

  it('names the task and region it cannot write, lazily built paths included', () => {
    const coco = new CocoBuilder();
    coco.add(tasks[0]!);
    const unlabelled = { ...box('b9', 'Car', 1, 1, 1, 1), value: { x: 1, y: 1, width: 1, height: 1, rectanglelabels: [] } };
    let error: unknown;
    try {
      coco.add({ data: { image: 'x.jpg' }, annotations: [{ result: [box('ok', 'Car', 1, 1, 1, 1), unlabelled] }] });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FormatError);
    expect((error as FormatError).path).toBe('tasks[1].annotations[0].result[1]');
    const badRle = { ...box('r', 'Car', 1, 1, 1, 1), meta: { rle: { size: [1] } } };
    expect(() => coco.add({ data: { image: 'y.jpg' }, annotations: [{ result: [badRle] }] })).toThrow(/meta\.rle/);
  });
});

describe('roundedFast', () => {
  const same = (value: number, decimals: number) => expect(Object.is(roundedFast(value, decimals), rounded(value, decimals)), `${value} to ${decimals}`).toBe(true);

  it('is rounded() (toFixed) for any double and any decimals toFixed takes', () => {
    fc.assert(fc.property(fc.double(), fc.integer({ min: 0, max: 20 }), (value, decimals) => {
      same(value, decimals);
    }), { numRuns: 20_000 });
    fc.assert(fc.property(fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.integer({ min: 0, max: 8 }), (value, decimals) => {
      same(value, decimals);
    }), { numRuns: 20_000 });
  });

  it('is rounded() at and next to halves, where toFixed and Math.round part ways', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5e9, max: 5e9 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: -4, max: 4 }), (k, decimals, nudge) => {
        const half = (k + 0.5) / 10 ** decimals;
        same(half, decimals);
        same(half + nudge * Number.EPSILON * Math.max(1, Math.abs(half)), decimals);
      }),
      { numRuns: 20_000 },
    );
    for (const v of [1.005, 2.675, -2.675, 0.0000005, -0.0000005, 1e-7, -1e-7, 2 ** 40, -(2 ** 40), 1e21, Number.NaN, Number.POSITIVE_INFINITY, -0]) for (const d of [0, 2, 6, 2.5]) same(v, d);
  });
});
