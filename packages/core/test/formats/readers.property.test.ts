import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  readCoco, readConll, readJsonArray, readJsonLines, readVoc, readYoloClasses, readYoloDataYaml, readYoloLabels, readYoloTask, rleCountsFromString,
} from '../../src/formats/index.js';
import { jsonErrorOffset } from '../../src/formats/json-position.js';
import { chunked, readsOrRejects } from './helpers.js';

// Every reader, fed arbitrary text, either yields records or throws a FormatError — never another
// error, never a hang. Inputs mix pure noise with near-misses built from the format's own tokens.

// A hang guard, not a speed test: generous so a loaded CI machine does not flake.
const MAX_MS = 10_000;
const runs = { numRuns: 300 };

/** Reads `input`, checking the outcome and that it took bounded time. */
async function bounded(run: () => unknown): Promise<void> {
  const started = Date.now();
  await readsOrRejects(run);
  expect(Date.now() - started).toBeLessThan(MAX_MS);
}

/** Text assembled from the given tokens and separators, often close to valid. */
const soup = (tokens: string[], separators = [' ', '\n', '\r\n', '\t', '']) =>
  fc.array(fc.oneof(fc.constantFrom(...tokens), fc.constantFrom(...separators), fc.string({ maxLength: 4 })), { maxLength: 60 }).map((parts) => parts.join(''));

const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.json());

describe('every reader yields records or a FormatError', () => {
  it('COCO, on noise, on any JSON and on COCO-shaped objects', async () => {
    const id = fc.oneof(fc.integer({ min: -1, max: 4 }), fc.constantFrom('1', '', null));
    const num = fc.oneof(fc.double({ min: -100, max: 1000, noNaN: true }), fc.constant(0), fc.integer({ min: 1, max: 64 }));
    const rle = fc.record({ size: fc.tuple(fc.integer({ min: -1, max: 6 }), fc.integer({ min: -1, max: 6 })), counts: fc.oneof(fc.array(fc.integer({ min: -2, max: 20 }), { maxLength: 8 }), fc.string({ maxLength: 10 }), soup(['0', '1', 'O', 'T', '3', '\\', 'o', '`'], [''])) });
    const segmentation = fc.oneof(fc.array(fc.array(num, { maxLength: 9 }), { maxLength: 3 }), rle, fc.anything({ maxDepth: 2 }));
    const annotation = fc.record({ id, image_id: id, category_id: id, bbox: fc.oneof(fc.array(num, { maxLength: 5 }), fc.anything({ maxDepth: 1 })), segmentation, iscrowd: fc.constantFrom(0, 1, 2, undefined), score: fc.option(num) }, { requiredKeys: ['image_id', 'category_id'] });
    const image = fc.record({ id, file_name: fc.oneof(fc.string({ maxLength: 8 }), fc.constant(3)), width: num, height: num });
    const dataset = fc.record({ images: fc.array(image, { maxLength: 3 }), annotations: fc.array(annotation, { maxLength: 5 }), categories: fc.array(fc.record({ id, name: fc.string({ maxLength: 5 }) }), { maxLength: 3 }) }, { requiredKeys: [] });
    // Mostly valid: ids that resolve, sizes that fit, so the conversions run too.
    const small = fc.integer({ min: -2, max: 8 });
    const plausible = fc.record({
      images: fc.tuple(...[1, 2, 3].map((id) => fc.record({ id: fc.constant(id), file_name: fc.constantFrom('a.jpg', 'b.png'), width: fc.constantFrom(4, 6, 0.5), height: fc.constantFrom(4, 6) }))),
      annotations: fc.array(fc.record({
        id: fc.integer({ min: 1, max: 9 }), image_id: fc.integer({ min: 1, max: 3 }), category_id: fc.integer({ min: 1, max: 2 }),
        bbox: fc.tuple(small, small, fc.nat(9), fc.nat(9)),
        segmentation: fc.oneof(fc.array(fc.array(small, { maxLength: 10 }), { maxLength: 2 }), fc.record({ size: fc.constantFrom([4, 4], [6, 6], [4, 6]), counts: fc.oneof(fc.array(fc.nat(16), { maxLength: 6 }), fc.constantFrom('529', '0<', '1232', 'T3', '')) })),
        iscrowd: fc.constantFrom(0, 1),
      }, { requiredKeys: ['image_id', 'category_id'] }), { maxLength: 6 }),
      categories: fc.constant([{ id: 1, name: 'car' }, { id: 2, name: 'road' }]),
    });
    await fc.assert(fc.asyncProperty(fc.oneof(anyText, dataset.map((d) => JSON.stringify(d)), plausible.map((d) => JSON.stringify(d))), fc.integer({ min: 1, max: 50 }), async (text, size) => {
      await bounded(() => readCoco(chunked(text, size)));
    }), runs);
  });

  it('YOLO labels, classes.txt and data.yaml', async () => {
    const labels = soup(['0', '1', '2', '0.5', '1.5', '-0.2', '1e-3', '.', 'nan', '0x1', '7', '0.25', '320']);
    const yaml = soup(['names:', 'names: [', ']', '{', '}', '- ', '  ', '0:', '1: ', "'", '"', '#', ',', 'cat', '\\', 'nc: 2'], ['\n', ' ', '', '\r\n']);
    await fc.assert(fc.asyncProperty(fc.oneof(anyText, labels, yaml), async (text) => {
      await bounded(() => readYoloLabels(text, { names: ['a', 'b'] }));
      await bounded(() => readYoloTask('a.jpg', text, { imageSize: { width: 10, height: 10 } }));
      await bounded(() => readYoloClasses(text));
      await bounded(() => readYoloDataYaml(text));
    }), runs);
  });

  it('Pascal VOC, including entity and DOCTYPE tricks', async () => {
    const xml = soup([
      '<annotation>', '</annotation>', '<size>', '</size>', '<width>', '</width>', '<height>', '</height>', '<object>', '</object>',
      '<name>', '</name>', '<bndbox>', '</bndbox>', '<xmin>', '</xmin>', '<xmax>', '</xmax>', '<ymin>', '</ymin>', '<ymax>', '</ymax>',
      '<filename>', '</filename>', '10', '-1', 'dog', '&amp;', '&lol;', '<!DOCTYPE x>', '<!ENTITY a "b">', '<![CDATA[x]]>', '<?xml version="1.0"?>', '<!-- c -->', '/>', '<',
    ], ['', ' ', '\n']);
    await fc.assert(fc.asyncProperty(fc.oneof(anyText, xml), async (text) => {
      await bounded(() => readVoc(text));
    }), runs);
  });

  it('CoNLL, in every scheme and mode', async () => {
    const lines = soup(['-DOCSTART-', 'EU', 'B-ORG', 'I-ORG', 'I-PER', 'B-', 'O', 'X-Y', 'NNP'], [' ', '\n', '\n\n', '\r\n', '\t']);
    const options = fc.record({ scheme: fc.constantFrom('iob1' as const, 'iob2' as const, 'bio' as const), strict: fc.boolean(), per: fc.constantFrom('sentence' as const, 'document' as const), tagColumn: fc.integer({ min: -3, max: 3 }) });
    await fc.assert(fc.asyncProperty(fc.oneof(anyText, lines), options, fc.integer({ min: 1, max: 20 }), async (text, opts, size) => {
      await bounded(() => readConll(chunked(text, size), opts));
    }), runs);
  });

  it('JSON Lines and JSON arrays, in any chunking', async () => {
    const jsonish = soup(['{', '}', '[', ']', '"data"', ':', ',', '"', '\\', '{"data": {}}', 'null', '1', '\ufeff', '"annotations": [', '"result": '], ['', '\n', ' ', '\r\n']);
    const lines = fc.array(fc.json(), { maxLength: 5 }).map((values) => values.join('\n'));
    const array = fc.array(fc.json(), { maxLength: 5 }).map((values) => `[${values.join(',')}]`);
    await fc.assert(fc.asyncProperty(fc.oneof(anyText, jsonish, lines, array), fc.integer({ min: 1, max: 30 }), async (text, size) => {
      await bounded(() => readJsonLines(chunked(text, size)));
      await bounded(() => readJsonArray(chunked(text, size)));
    }), runs);
  });

  it('compressed RLE strings', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string({ maxLength: 40 }), soup(['0', '1', 'O', 'T', '`', 'o', 'P'], [''])), async (text) => {
      await bounded(() => rleCountsFromString(text));
    }), runs);
  });
});

describe('the JSON error locator', () => {
  it('agrees with JSON.parse on what is valid', () => {
    const near = soup(['{', '}', '[', ']', '"a"', ':', ',', '1', '-0.5e3', 'true', 'nul', '"\\u12"', '"\\n"', '01', ' '], ['', ' ', '\n']);
    fc.assert(fc.property(fc.oneof(fc.json(), fc.string({ maxLength: 50 }), near), (text) => {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(jsonErrorOffset(text) === undefined).toBe(valid);
    }), { numRuns: 1000 });
  });

  it('does not overflow the stack on deep nesting', () => {
    expect(jsonErrorOffset('['.repeat(1_000_000))).toBe(1_000_000);
  });
});
