import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FormatError, decodeRle, readCoco, readConll, readJsonArray, readJsonLines, readVoc, readYoloClasses, readYoloDataYaml, readYoloLabels, readYoloTask, rleArea, rleBoundingBox,
  spansFromTags, type CocoRle,
} from '../../src/formats/index.js';
import { chunked } from '../formats/helpers.js';
import { FUZZ_RUNS, mutated, parsesOrFailsTyped } from './mutations.js';
import { COCO_SEEDS, CONLL_SEEDS, JSON_ARRAY_SEEDS, JSONL_SEEDS, VOC_SEEDS, YOLO_CLASSES_SEEDS, YOLO_LABEL_SEEDS, YOLO_YAML_SEEDS } from './seeds.js';

// Every dataset reader in core, fed broken versions of valid files (cut, flipped, doubled,
// spliced) in any chunking: it yields records or throws a FormatError — never another error,
// never a hang. readers.property.test.ts covers noise and token soup; this covers near misses.

const typed = (run: () => unknown) => parsesOrFailsTyped(FormatError, run);
const chunkSize = fc.integer({ min: 1, max: 64 });

describe('format readers on mutated valid files', () => {
  it('seeds are valid: every reader reads its unbroken seed', async () => {
    for (const seed of COCO_SEEDS) for await (const _ of readCoco(seed)) void _;
    for (const seed of VOC_SEEDS) expect(readVoc(seed).annotations?.[0]?.result.length).toBe(2);
    for (const seed of YOLO_LABEL_SEEDS) expect(readYoloLabels(seed, { names: ['a', 'b', 'c'] }).length).toBe(2);
    for (const seed of YOLO_CLASSES_SEEDS) expect(readYoloClasses(seed).length).toBe(seed.startsWith('cat') ? 3 : 2);
    for (const seed of YOLO_YAML_SEEDS) expect(readYoloDataYaml(seed).length).toBeGreaterThanOrEqual(2);
    for (const seed of CONLL_SEEDS) for await (const _ of readConll(seed)) void _;
    for (const seed of JSONL_SEEDS) for await (const _ of readJsonLines(seed)) void _;
    for (const seed of JSON_ARRAY_SEEDS) for await (const _ of readJsonArray(seed)) void _;
  });

  it('COCO', async () => {
    await fc.assert(fc.asyncProperty(mutated(COCO_SEEDS), chunkSize, fc.boolean(), async (text, size, asPredictions) => {
      await typed(() => readCoco(chunked(text, size), { as: asPredictions ? 'predictions' : 'annotations' }));
    }), FUZZ_RUNS);
  });

  it('Pascal VOC', async () => {
    await fc.assert(fc.asyncProperty(mutated(VOC_SEEDS), async (text) => {
      await typed(() => readVoc(text));
    }), FUZZ_RUNS);
  });

  it('YOLO labels, tasks, classes.txt and data.yaml', async () => {
    await fc.assert(fc.asyncProperty(mutated([...YOLO_LABEL_SEEDS, ...YOLO_CLASSES_SEEDS, ...YOLO_YAML_SEEDS]), async (text) => {
      await typed(() => readYoloLabels(text, { names: ['a', 'b', 'c'] }));
      await typed(() => readYoloTask('x.jpg', text, { imageSize: { width: 640, height: 480 } }));
      await typed(() => readYoloClasses(text));
      await typed(() => readYoloDataYaml(text));
    }), FUZZ_RUNS);
  });

  it('CoNLL, in every tag scheme', async () => {
    const options = fc.record({ scheme: fc.constantFrom('iob1' as const, 'iob2' as const, 'bio' as const), strict: fc.boolean(), per: fc.constantFrom('sentence' as const, 'document' as const) });
    await fc.assert(fc.asyncProperty(mutated(CONLL_SEEDS), options, chunkSize, async (text, opts, size) => {
      await typed(() => readConll(chunked(text, size), opts));
    }), FUZZ_RUNS);
  });

  it('JSON Lines and JSON arrays (Label Studio tasks)', async () => {
    await fc.assert(fc.asyncProperty(mutated([...JSONL_SEEDS, ...JSON_ARRAY_SEEDS]), chunkSize, async (text, size) => {
      await typed(() => readJsonLines(chunked(text, size)));
      await typed(() => readJsonArray(chunked(text, size)));
    }), FUZZ_RUNS);
  });

  it('COCO RLE masks of any size and runs (the shape checkCoco lets through)', async () => {
    const rle = fc.record({
      size: fc.tuple(fc.integer({ min: -2, max: 70_000 }), fc.integer({ min: -2, max: 70_000 })),
      counts: fc.oneof(fc.array(fc.integer({ min: -5, max: 5_000_000 }), { maxLength: 12 }), fc.string({ maxLength: 12 }), mutated(['0<', '529', 'PPYo0', '`0'])),
    });
    await fc.assert(fc.asyncProperty(rle, async (value) => {
      const mask = value as CocoRle;
      await typed(() => decodeRle(mask, 1_000_000));
      await typed(() => rleArea(mask));
      await typed(() => rleBoundingBox(mask));
    }), FUZZ_RUNS);
  });

  it('BIO/IOB tag sequences', async () => {
    const tag = fc.oneof(fc.constantFrom('O', 'B-PER', 'I-PER', 'B-', 'I-', 'E-LOC', 'S-ORG', 'B-ORG', 'I-ORG', 'X', ''), fc.string({ maxLength: 5 }));
    await fc.assert(fc.asyncProperty(fc.array(tag, { maxLength: 30 }), fc.constantFrom('iob1' as const, 'iob2' as const, 'bio' as const), fc.boolean(), async (tags, scheme, strict) => {
      await typed(() => spansFromTags(tags, { scheme, strict }));
    }), FUZZ_RUNS);
  });
});
