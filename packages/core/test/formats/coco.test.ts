import { describe, expect, it } from 'vitest';
import { joinChunks, readCoco, writeCoco, type TaskRecord, type WritableTask } from '../../src/formats/index.js';
import { chunked, collect, expectFormatError } from './helpers.js';

const coco = {
  images: [
    { id: 1, file_name: 'street.jpg', width: 640, height: 480 },
    { id: 2, file_name: 'empty.jpg', width: 100, height: 50 },
    { id: 3, file_name: 'crowd.jpg', width: 4, height: 4 },
  ],
  annotations: [
    { id: 10, image_id: 1, category_id: 7, bbox: [64, 48, 320, 240], area: 76800, iscrowd: 0 },
    { id: 11, image_id: 1, category_id: 3, bbox: [0, 0, 64, 48], segmentation: [[0, 0, 64, 0, 64, 48], [320, 240, 640, 240, 640, 480, 320, 480]], iscrowd: 0 },
    { id: 12, image_id: 3, category_id: 7, segmentation: { size: [4, 4], counts: [5, 2, 9] }, iscrowd: 1 },
  ],
  categories: [{ id: 3, name: 'road' }, { id: 7, name: 'car' }],
};

const read = (json: unknown, options = {}) => collect(readCoco(JSON.stringify(json), options));

describe('COCO reader', () => {
  it('turns a pixel bbox into percent of the image', async () => {
    const [street] = await read(coco);
    expect(street?.data).toEqual({ image: 'street.jpg' });
    expect(street?.meta).toEqual({ original_width: 640, original_height: 480, coco_image_id: 1 });
    // x = 64 / 640 = 10 %, y = 48 / 480 = 10 %, width = 320 / 640 = 50 %, height = 240 / 480 = 50 %
    expect(street?.annotations?.[0]?.result[0]).toEqual({
      id: '10', from_name: 'label', to_name: 'image', type: 'rectanglelabels', original_width: 640, original_height: 480,
      value: { x: 10, y: 10, width: 50, height: 50, rotation: 0, rectanglelabels: ['car'] },
      meta: { iscrowd: 0 },
    });
  });

  it('makes one polygon region per segmentation polygon, in percent', async () => {
    const [street] = await read(coco);
    const polygons = street?.annotations?.[0]?.result.slice(1) ?? [];
    expect(polygons.map((r) => [r.id, r.type])).toEqual([['11', 'polygonlabels'], ['11-1', 'polygonlabels']]);
    // (64, 48) on 640×480 is (10 %, 10 %); (320, 240) is (50 %, 50 %); (640, 480) is (100 %, 100 %)
    expect(polygons[0]?.value).toEqual({ points: [[0, 0], [10, 0], [10, 10]], closed: true, polygonlabels: ['road'] });
    expect(polygons[1]?.value.points).toEqual([[50, 50], [100, 50], [100, 100], [50, 100]]);
  });

  it('bounds an RLE mask with a rectangle and keeps the RLE and iscrowd in meta', async () => {
    const [, , crowd] = await read(coco);
    // runs [5, 2, 9] on 4×4: pixels 5 and 6 (column-major) are x 1, y 1…2 → box [1, 1, 1, 2] px
    // = x 25 %, y 25 %, width 25 %, height 50 %
    expect(crowd?.annotations?.[0]?.result[0]).toMatchObject({
      type: 'rectanglelabels',
      value: { x: 25, y: 25, width: 25, height: 50, rectanglelabels: ['car'] },
      meta: { iscrowd: 1, rle: { size: [4, 4], counts: [5, 2, 9] } },
    });
    // the compressed string of the same runs reads the same
    const compressed = { ...coco, annotations: [{ id: 12, image_id: 3, category_id: 7, segmentation: { size: [4, 4], counts: '529' }, iscrowd: 1 }] };
    expect((await read(compressed))[2]?.annotations?.[0]?.result[0]?.value).toMatchObject({ x: 25, y: 25, width: 25, height: 50 });
  });

  it('keeps images without annotations as tasks, with an empty annotation on request', async () => {
    const tasks = await read(coco);
    expect(tasks).toHaveLength(3);
    expect(tasks[1]).toEqual({ data: { image: 'empty.jpg' }, meta: { original_width: 100, original_height: 50, coco_image_id: 2 } });
    const kept = await read(coco, { keepEmpty: true, as: 'predictions', dataKey: 'img', fromName: 'box' });
    expect(kept[1]).toMatchObject({ data: { img: 'empty.jpg' }, predictions: [{ result: [] }] });
    expect(kept[0]?.predictions?.[0]?.result[0]).toMatchObject({ from_name: 'box' });
  });

  it('clips boxes that poke out of the image', async () => {
    const out = { ...coco, annotations: [{ id: 1, image_id: 2, category_id: 3, bbox: [-10, 40, 50, 20] }] };
    // x −10…40 px of 100 → 0…40 %; y 40…60 px of 50 → 80…100 %
    expect((await read(out))[1]?.annotations?.[0]?.result[0]?.value).toMatchObject({ x: 0, y: 80, width: 40, height: 20 });
  });

  it('reads from chunks of a stream', async () => {
    const tasks = await collect(readCoco(chunked(JSON.stringify(coco), 7)));
    expect(tasks).toEqual(await read(coco));
  });

  it('names the JSON path of what is wrong', async () => {
    await expectFormatError(() => read({ ...coco, annotations: [{ ...coco.annotations[0], image_id: 99 }] }), 'coco', /at annotations\[0\]\.image_id: no image has id 99/);
    await expectFormatError(() => read({ ...coco, annotations: [{ ...coco.annotations[0], category_id: 5 }] }), 'coco', /annotations\[0\]\.category_id/);
    await expectFormatError(() => read({ ...coco, annotations: [{ ...coco.annotations[0], bbox: [1, 2, 3] }] }), 'coco', /annotations\[0\]\.bbox: must be \[x, y, width, height\]/);
    await expectFormatError(() => read({ ...coco, images: [...coco.images, coco.images[0]] }), 'coco', /images\[3\]\.id: image id 1 is used twice/);
    await expectFormatError(() => read({ ...coco, annotations: [{ id: 1, image_id: 3, category_id: 7, segmentation: { size: [4, 4], counts: [5, 2] } }] }), 'coco', /annotations\[0\]\.segmentation\.counts: RLE runs cover 7 pixels/);
    await expectFormatError(() => read({ ...coco, annotations: [{ id: 1, image_id: 1, category_id: 7, segmentation: [[1, 2, 3]] }] }), 'coco', /segmentation\[0\]: a polygon needs pairs/);
    await expectFormatError(() => read({ images: {} }), 'coco', /at images: must be an array/);
    const syntax = await expectFormatError(() => collect(readCoco('{\n  "images": [,]\n}')), 'coco', /not valid JSON/);
    expect([syntax.line, syntax.column]).toEqual([2, 14]);
  });
});

const labelled = (image: string, result: unknown[]): WritableTask => ({ data: { image }, annotations: [{ result }] });
const box = (id: string, label: string, x: number, y: number, width: number, height: number, extra = {}) => ({
  id, from_name: 'label', to_name: 'image', type: 'rectanglelabels', original_width: 640, original_height: 480,
  value: { x, y, width, height, rotation: 0, rectanglelabels: [label] }, ...extra,
});

describe('COCO writer', () => {
  it('writes pixel boxes, areas and stable category ids from the label order', async () => {
    const tasks = [labelled('a.jpg', [box('r1', 'car', 10, 10, 50, 50)]), labelled('b.jpg', [box('r2', 'bus', 0, 0, 25, 25)])];
    const json = JSON.parse(await joinChunks(writeCoco(tasks, { labels: ['bus', 'car'] }))) as Record<string, unknown>;
    expect(json.images).toEqual([
      { id: 1, file_name: 'a.jpg', width: 640, height: 480 },
      { id: 2, file_name: 'b.jpg', width: 640, height: 480 },
    ]);
    // 10 % of 640 = 64, 10 % of 480 = 48, 50 % → 320 × 240, area 76,800; 25 % → 160 × 120
    expect(json.annotations).toEqual([
      { id: 1, image_id: 1, category_id: 2, bbox: [64, 48, 320, 240], area: 76800, segmentation: [], iscrowd: 0 },
      { id: 2, image_id: 2, category_id: 1, bbox: [0, 0, 160, 120], area: 19200, segmentation: [], iscrowd: 0 },
    ]);
    expect(json.categories).toEqual([{ id: 1, name: 'bus', supercategory: '' }, { id: 2, name: 'car', supercategory: '' }]);
  });

  it('writes polygons as segmentation with their bounds and shoelace area', async () => {
    const polygon = { id: 'p', from_name: 'label', to_name: 'image', type: 'polygonlabels', value: { points: [[0, 0], [50, 0], [50, 50]], polygonlabels: ['road'] } };
    const text = await joinChunks(writeCoco([{ data: { image: 'a.jpg' }, meta: { original_width: 200, original_height: 100 }, annotations: [{ result: [polygon] }] }]));
    const [annotation] = (JSON.parse(text) as { annotations: unknown[] }).annotations;
    // (50 %, 50 %) of 200×100 is (100, 50); the right triangle 100 × 50 has area 2,500
    expect(annotation).toEqual({ id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 100, 50], area: 2500, segmentation: [[0, 0, 100, 0, 100, 50]], iscrowd: 0 });
  });

  it('streams a one-shot source, annotations before images', async () => {
    async function* once() {
      yield labelled('a.jpg', [box('r1', 'car', 10, 10, 50, 50)]);
      yield { ...labelled('b.jpg', []), meta: { original_width: 10, original_height: 10 } };
    }
    const text = await joinChunks(writeCoco(once()));
    expect(text.indexOf('"annotations"')).toBeLessThan(text.indexOf('"images"'));
    const json = JSON.parse(text) as { images: unknown[]; annotations: unknown[] };
    expect(json.images).toHaveLength(2);
    expect(json.annotations).toHaveLength(1);
  });

  it('reads a source function twice, so nothing piles up', async () => {
    let opened = 0;
    const open = () => {
      opened++;
      return [labelled('a.jpg', [box('r1', 'car', 10, 10, 50, 50)])];
    };
    await joinChunks(writeCoco(open));
    expect(opened).toBe(2);
  });

  it('refuses tasks without an image size or a label', async () => {
    const noSize = { data: { image: 'a.jpg' }, annotations: [{ result: [{ ...box('r', 'car', 1, 1, 1, 1), original_width: undefined, original_height: undefined }] }] };
    await expectFormatError(() => joinChunks(writeCoco([noSize])), 'coco', /tasks\[0\]: the image size is unknown/);
    await expectFormatError(() => joinChunks(writeCoco([labelled('a.jpg', [box('r', 'car', 1, 1, 1, 1, { value: { x: 1, y: 1, width: 1, height: 1, rectanglelabels: [] } })])])), 'coco', /region "r" has no label/);
    await expectFormatError(() => joinChunks(writeCoco([labelled('a.jpg', [box('r', 'car', 1, 1, 1, 1, { value: { x: 'a' } })])])), 'coco', /result\[0\]\.value/);
    await expectFormatError(() => joinChunks(writeCoco([{ data: { image: 'a.jpg' }, annotations: [null as never] }])), 'coco', /tasks\[0\]\.annotations\[0\]: annotations must hold objects/);
  });
});

describe('COCO round trip', () => {
  it('reads back what it wrote, within float tolerance', async () => {
    const first = await read(coco);
    const written = await joinChunks(writeCoco(first, { labels: ['road', 'car'] }));
    // the crowd region goes back out as its RLE, with the mask's 2 pixels as its area
    const crowd = (JSON.parse(written) as { annotations: unknown[] }).annotations.find((a) => (a as { iscrowd: number }).iscrowd === 1);
    expect(crowd).toEqual({ id: 4, image_id: 3, category_id: 2, bbox: [1, 1, 1, 2], area: 2, segmentation: { size: [4, 4], counts: [5, 2, 9] }, iscrowd: 1 });
    const again = await collect(readCoco(written));
    expect(again.map((t) => t.data)).toEqual(first.map((t) => t.data));
    const regions = (tasks: TaskRecord[]) => tasks.flatMap((t) => t.annotations?.[0]?.result ?? []);
    const [a, b] = [regions(first), regions(again)];
    expect(b.map((r) => [r.type, r.value[r.type as 'rectanglelabels']])).toEqual(a.map((r) => [r.type, r.value[r.type as 'rectanglelabels']]));
    b.forEach((region, i) => {
      const before = a[i];
      if (region.type === 'rectanglelabels' && before?.type === 'rectanglelabels') {
        for (const key of ['x', 'y', 'width', 'height'] as const) expect(region.value[key]).toBeCloseTo(before.value[key], 6);
        expect(region.meta).toEqual(before.meta);
      } else if (region.type === 'polygonlabels' && before?.type === 'polygonlabels') {
        region.value.points.forEach(([x, y], k) => {
          expect(x).toBeCloseTo(before.value.points[k]?.[0] ?? NaN, 6);
          expect(y).toBeCloseTo(before.value.points[k]?.[1] ?? NaN, 6);
        });
      }
    });
  });
});
