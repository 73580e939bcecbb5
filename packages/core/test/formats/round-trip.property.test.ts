import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  joinChunks, readCoco, readConll, readVoc, readYoloLabels, spansFromTags, tagsFromSpans, writeCoco, writeConll, writeVoc, writeYoloLabels,
  type TaskRecord,
} from '../../src/formats/index.js';
import type { RegionResultItem } from '../../src/results/index.js';
import { collect } from './helpers.js';

const runs = { numRuns: 100 };
const labels = ['car', 'road', 'tree'];

/** Every number of a region's geometry, in a fixed order. */
function geometry(region: RegionResultItem): number[] {
  if (region.type === 'rectanglelabels') return [region.value.x, region.value.y, region.value.width, region.value.height];
  if (region.type === 'polygonlabels') return region.value.points.flat();
  return [];
}

function expectSameRegions(a: TaskRecord[], b: TaskRecord[], digits: number): void {
  expect(b.map((t) => t.data)).toEqual(a.map((t) => t.data));
  a.forEach((task, i) => {
    const [before, after] = [task.annotations?.[0]?.result ?? [], b[i]?.annotations?.[0]?.result ?? []];
    expect(after.map((r) => [r.type, (r.value as Record<string, unknown>)[r.type]])).toEqual(before.map((r) => [r.type, (r.value as Record<string, unknown>)[r.type]]));
    before.forEach((region, j) => {
      const next = after[j] as RegionResultItem;
      geometry(next).forEach((v, k) => expect(v).toBeCloseTo(geometry(region)[k] ?? NaN, digits));
    });
  });
}

/** A whole number of hundredths (COCO's usual precision), so rounding to 2 decimals is exact. */
const hundredths = (max: number) => fc.integer({ min: 0, max: Math.round(max * 100) }).map((n) => n / 100);

describe('read → write → read keeps the regions', () => {
  it('COCO boxes and polygons', async () => {
    const image = fc.record({ width: fc.integer({ min: 1, max: 4000 }), height: fc.integer({ min: 1, max: 4000 }) }).chain(({ width, height }) => fc.record({
      width: fc.constant(width), height: fc.constant(height),
      boxes: fc.array(fc.tuple(hundredths(width), hundredths(height), fc.nat(2)).chain(([x, y, c]) => fc.tuple(fc.constant(x), fc.constant(y), hundredths(width - x), hundredths(height - y), fc.constant(c))), { maxLength: 3 }),
      polygons: fc.array(fc.tuple(fc.array(fc.tuple(hundredths(width), hundredths(height)), { minLength: 3, maxLength: 6 }), fc.nat(2)), { maxLength: 2 }),
    }));
    await fc.assert(fc.asyncProperty(fc.array(image, { minLength: 1, maxLength: 3 }), async (images) => {
      let id = 0;
      const coco = {
        images: images.map((im, i) => ({ id: i + 1, file_name: `${i}.jpg`, width: im.width, height: im.height })),
        annotations: images.flatMap((im, i) => [
          ...im.boxes.map(([x, y, w, h, c]) => ({ id: ++id, image_id: i + 1, category_id: c + 1, bbox: [x, y, w, h] })),
          ...im.polygons.map(([points, c]) => ({ id: ++id, image_id: i + 1, category_id: c + 1, segmentation: [points.flat()] })),
        ]),
        categories: labels.map((name, i) => ({ id: i + 1, name })),
      };
      const first = await collect(readCoco(JSON.stringify(coco)));
      const again = await collect(readCoco(await joinChunks(writeCoco(first, { labels }))));
      expectSameRegions(first, again, 9);
    }), runs);
  });

  it('YOLO boxes and polygons', () => {
    const millionths = (min: number, max: number) => fc.integer({ min: Math.round(min * 1e6), max: Math.round(max * 1e6) }).map((n) => n / 1e6);
    const box = fc.tuple(fc.nat(2), millionths(0, 1), millionths(0, 1)).chain(([c, x, y]) => fc.tuple(fc.constant(c), fc.constant(x), fc.constant(y), millionths(0, 1 - x), millionths(0, 1 - y)))
      .map(([c, x, y, w, h]) => `${c} ${x + w / 2} ${y + h / 2} ${w} ${h}`);
    const polygon = fc.tuple(fc.nat(2), fc.array(fc.tuple(millionths(0, 1), millionths(0, 1)), { minLength: 3, maxLength: 6 })).map(([c, points]) => `${c} ${points.flat().join(' ')}`);
    fc.assert(fc.property(fc.array(fc.oneof(box, polygon), { maxLength: 5 }), (lines) => {
      const first = [{ data: { image: 'a.jpg' }, annotations: [{ result: readYoloLabels(lines.join('\n'), { names: labels }) }] }];
      const again = [{ data: { image: 'a.jpg' }, annotations: [{ result: readYoloLabels(writeYoloLabels(first[0] as TaskRecord, { labels }), { names: labels }) }] }];
      // 6 decimals of a fraction: within 5e-7 of the image, 5e-5 %
      expectSameRegions(first, again, 3);
    }), runs);
  });

  it('Pascal VOC boxes', () => {
    const file = fc.record({ width: fc.integer({ min: 1, max: 3000 }), height: fc.integer({ min: 1, max: 3000 }) }).chain(({ width, height }) => fc.record({
      width: fc.constant(width), height: fc.constant(height),
      // 1-based inclusive: xmin 1…width, xmax xmin − 1…width (xmax = xmin − 1 is an empty box)
      boxes: fc.array(fc.tuple(fc.integer({ min: 1, max: width }), fc.integer({ min: 1, max: height }), fc.constantFrom(...labels))
        .chain(([x, y, name]) => fc.tuple(fc.constant(x), fc.constant(y), fc.integer({ min: x - 1, max: width }), fc.integer({ min: y - 1, max: height }), fc.constant(name))), { maxLength: 4 }),
    }));
    fc.assert(fc.property(file, ({ width, height, boxes }) => {
      const objects = boxes.map(([x0, y0, x1, y1, name]) => `<object><name>${name}</name><bndbox><xmin>${x0}</xmin><ymin>${y0}</ymin><xmax>${x1}</xmax><ymax>${y1}</ymax></bndbox></object>`);
      const first = [readVoc(`<annotation><filename>a.jpg</filename><size><width>${width}</width><height>${height}</height></size>${objects.join('')}</annotation>`)];
      const again = [readVoc(writeVoc(first[0] as TaskRecord))];
      expectSameRegions(first, again, 9);
    }), runs);
  });

  it('CoNLL sentences: valid BIO tags come back as they were', async () => {
    const token = fc.stringMatching(/^[A-Za-z0-9.,'é-]{1,6}$/).filter((t) => t !== '-DOCSTART-');
    const tag = fc.constantFrom('O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC');
    const sentence = fc.array(fc.tuple(token, tag), { minLength: 1, maxLength: 8 })
      // turn arbitrary tags into valid BIO: decode with the repair rule, encode again
      .map((pairs) => {
        const tags = tagsFromSpans(pairs.length, spansFromTags(pairs.map(([, t]) => t)));
        return pairs.map(([t], i) => `${t} ${tags[i]}`).join('\n');
      });
    await fc.assert(fc.asyncProperty(fc.array(sentence, { minLength: 1, maxLength: 4 }), fc.constantFrom('iob1' as const, 'iob2' as const), async (sentences, scheme) => {
      const text = `${sentences.join('\n\n')}\n\n`;
      const tasks = await collect(readConll(text));
      expect(await joinChunks(writeConll(tasks))).toBe(text);
      const inScheme = await joinChunks(writeConll(tasks, { scheme }));
      expect(await collect(readConll(inScheme, { scheme, strict: true }))).toEqual(tasks);
    }), runs);
  });
});
