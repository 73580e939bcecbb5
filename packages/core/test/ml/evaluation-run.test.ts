import { describe, expect, it } from 'vitest';
import {
  FormatError, cocoResultsToRegions, evaluateRun, parsePredictionFile, prepareDetection, type EvaluationSample,
} from '../../src/index.js';

const source = { kind: 'file' as const, label: 'test' };
const rect = (id: string, label: string, x: number, y: number, width: number, height: number, extra: Record<string, unknown> = {}) => ({
  id, from_name: 'box', to_name: 'image', type: 'rectanglelabels', value: { x, y, width, height, rotation: 0, rectanglelabels: [label] }, ...extra,
});
const choiceOf = (value: string, extra: Record<string, unknown> = {}) => [{ id: 'c', from_name: 'cls', to_name: 'text', type: 'choices', value: { choices: [value] }, ...extra }];
const span = (id: string, label: string, start: number, end: number) => ({ id, from_name: 'ner', to_name: 'text', type: 'labels', value: { start, end, labels: [label] } });

describe('evaluateRun: classification', () => {
  it('uses the class probabilities a model gave for its PR curves, and reduces several choices to the first', () => {
    const samples: EvaluationSample[] = [
      // Truth "a" with "a" and "b" chosen: evaluated as "a".
      { taskId: 1, reference: [{ id: 'c', from_name: 'cls', to_name: 'text', type: 'choices', value: { choices: ['a', 'b'] } }], prediction: { result: choiceOf('a'), score: 0.5, probabilities: { labels: ['a', 'b', 'c'], values: [0.5, 0.3, 0.2] } } },
      { taskId: 2, reference: choiceOf('b'), prediction: { result: choiceOf('a'), score: 0.4, probabilities: { labels: ['a', 'b', 'c'], values: [0.4, 0.35, 0.25] } } },
      { taskId: 3, reference: choiceOf('c'), prediction: { result: choiceOf('c'), score: 0.9, probabilities: { labels: ['a', 'b', 'c'], values: [0.05, 0.05, 0.9] } } },
    ];
    const { report } = evaluateRun({ kind: 'classification', reference: 'accepted', fromName: 'cls', source, samples, labels: ['c', 'b', 'a'], now: () => 5 });
    const c = report.metrics.classification!;
    expect(c.report.labels).toEqual(['c', 'b', 'a']);
    expect(report.headline.accuracy).toBeCloseTo(2 / 3, 12);
    // b one-vs-rest by probability: task 2 (0.35) above 1 (0.3) and 3 (0.05) → AP 1 although b was never predicted.
    expect(c.averagePrecision!.b).toBe(1);
    expect(c.averagePrecision!.a).toBe(1);
    expect(report.computedAt).toBe(5);
    expect(report.durationMs).toBe(0);
  });

  it('spreads the rest of a bare confidence evenly over the other labels, and gives no curves without any score', () => {
    const samples: EvaluationSample[] = [
      { taskId: 1, reference: choiceOf('a'), prediction: { result: choiceOf('b', { score: 0.7 }), score: null } },
      { taskId: 2, reference: choiceOf('c'), prediction: { result: choiceOf('a'), score: 0.4 } },
    ];
    const scored = evaluateRun({ kind: 'classification', reference: 'gold', fromName: 'cls', source, samples }).report.metrics.classification!;
    // Label a: task 2 scores 0.4 (predicted), task 1 scores (1 − 0.7)/2 = 0.15; the true a is task 1 → ranked second, AP 1/2.
    expect(scored.averagePrecision!.a).toBeCloseTo(0.5, 12);
    const bare = samples.map((s) => ({ ...s, prediction: { result: choiceOf(s.taskId === 1 ? 'b' : 'a'), score: null } }));
    const unscored = evaluateRun({ kind: 'classification', reference: 'gold', fromName: 'cls', source, samples: bare }).report.metrics.classification!;
    expect(unscored.prCurves).toBeNull();
    expect(unscored.averagePrecision).toBeNull();
  });

  it('throws when no task has both a reference and a prediction', () => {
    expect(() => evaluateRun({ kind: 'classification', reference: 'accepted', fromName: 'cls', source, samples: [{ taskId: 1, reference: choiceOf('a'), prediction: null }] })).toThrow(/nothing to evaluate/);
  });
});

describe('evaluateRun: detection', () => {
  it('takes a rotated rectangle as its axis-aligned bounds in pixels for bbox, keeping its own area', () => {
    // 90° about (50, 0) on a 100×100 image: corners (50,0), (50,20), (40,20), (40,0).
    const rotated = { ...rect('r', 'Car', 50, 0, 20, 10, { original_width: 100, original_height: 100 }), value: { x: 50, y: 0, width: 20, height: 10, rotation: 90, rectanglelabels: ['Car'] } };
    const [image] = prepareDetection([{ taskId: 1, reference: [rotated], prediction: null }], 'box', 'bbox').images;
    expect(image!.truths[0]!.shape).toEqual({ kind: 'box', box: { x: 40, y: 0, width: 10, height: 20, rotation: 0 } });
    expect(image!.truths[0]!.area).toBeCloseTo(200, 9);
    const [segm] = prepareDetection([{ taskId: 1, reference: [rotated], prediction: null }], 'box', 'segm').images;
    expect(segm!.truths[0]!.shape.kind).toBe('polygon');
  });

  it('ignores detections on a crowd region, counts a duplicate detection as a false positive, and warns about missing sizes', () => {
    const size = { original_width: 100, original_height: 100 };
    const samples: EvaluationSample[] = [{
      taskId: 1,
      reference: [rect('g', 'Car', 0, 0, 10, 10, size), rect('crowd', 'Car', 50, 50, 40, 40, { ...size, meta: { iscrowd: 1 } })],
      prediction: {
        score: null,
        result: [rect('d1', 'Car', 0, 0, 10, 10, { ...size, score: 0.9 }), rect('d2', 'Car', 0, 0, 10, 10, { ...size, score: 0.8 }), rect('d3', 'Car', 60, 60, 10, 10, { ...size, score: 0.95 })],
      },
    }];
    const { report, warnings } = evaluateRun({ kind: 'detection', reference: 'accepted', fromName: 'box', source, samples });
    // d3 (in the crowd) is ignored; d1 matches; the duplicate d2 is a false positive after full recall: AP50 stays 1.
    expect(report.metrics.detection!.summary.AP50).toBeCloseTo(1, 12);
    // With one detection per image only d3, the most confident, is kept, and it is ignored: AR1 is 0.
    expect(report.metrics.detection!.summary.AR1).toBe(0);
    expect(report.metrics.detection!.summary.AR10).toBeCloseTo(1, 12);
    expect(warnings).toEqual([]);
    const sizeless = evaluateRun({ kind: 'detection', reference: 'accepted', fromName: 'box', source, samples: [{ taskId: 2, reference: [rect('g', 'Car', 0, 0, 10, 10)], prediction: null }] });
    expect(sizeless.warnings.join(' ')).toMatch(/no image size/);
    expect(sizeless.report).toMatchObject({ items: 0, withoutPrediction: 1, headline: { AP: 0, AP50: 0, AR100: 0 } });
  });

  it('gives null headline numbers where COCO says -1 (no ground truth)', () => {
    const { report } = evaluateRun({ kind: 'detection', reference: 'accepted', fromName: 'box', source, samples: [{ taskId: 1, reference: [], prediction: { result: [rect('d', 'Car', 0, 0, 5, 5, { original_width: 10, original_height: 10 })], score: 0.3 } }] });
    expect(report.headline).toEqual({ AP: null, AP50: null, AR100: null });
  });
});

describe('evaluateRun: NER', () => {
  it('averages per-label numbers for macro with undefined ratios as 0', () => {
    const samples: EvaluationSample[] = [{ taskId: 1, reference: [span('a', 'PER', 0, 5)], prediction: { result: [span('a', 'PER', 0, 5), span('b', 'ORG', 7, 9)], score: null } }];
    const ner = evaluateRun({ kind: 'ner', reference: 'accepted', fromName: 'ner', source, samples }).report.metrics.ner!;
    // PER: 1/1/1; ORG: precision 0, recall 0/0 → null (0 in the mean), F1 0.
    expect(ner.perLabel.ORG).toMatchObject({ precision: 0, recall: null, f1: 0 });
    expect(ner.macro).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(ner.micro).toMatchObject({ precision: 0.5, recall: 1 });
  });
});

describe('evaluateRun: slices', () => {
  it('computes the metrics per slice, "no value" last, and the gap among slices with enough items', () => {
    const samples: EvaluationSample[] = ['x', 'x', 'y', null].map((slice, i) => ({ taskId: i, reference: choiceOf('a'), prediction: { result: choiceOf(i === 2 ? 'b' : 'a'), score: null }, slice }));
    const slices = evaluateRun({ kind: 'classification', reference: 'accepted', fromName: 'cls', source, samples, sliceBy: 'site', minSupport: 1 }).report.slices!;
    expect(slices.slices.map((s) => [s.value, s.items, s.headline.accuracy])).toEqual([['x', 2, 1], ['y', 1, 0], [null, 1, 1]]);
    expect(slices.gaps.accuracy).toEqual({ best: 'x', worst: 'y', gap: 1 });
  });
});

describe('parsePredictionFile', () => {
  it('reads Label Studio tasks (last prediction, else annotation), Laoshi exports and JSON Lines', () => {
    const ls = parsePredictionFile(JSON.stringify([{ id: 4, predictions: [{ result: [1] }, { result: [2], score: 0.5 }] }, { id: 5, annotations: [{ result: [3] }] }, { id: 6 }]), 'x.json');
    expect(ls).toEqual({ format: 'label-studio', predictions: [{ taskId: 4, result: [2], score: 0.5, where: '[0].predictions[1]' }, { taskId: 5, result: [3], score: null, where: '[1].annotations[0]' }] });
    const laoshi = parsePredictionFile(JSON.stringify({ format: 'laoshi', tasks: [{ id: 7, predictions: [{ result: [], score: 1, modelVersion: 'v' }] }] }), 'x.json');
    expect(laoshi).toMatchObject({ format: 'laoshi', predictions: [{ taskId: 7, score: 1 }] });
    const jsonl = parsePredictionFile('{"task": 8, "result": [], "score": 0.2}\n\n{"id": "9", "result": []}\n', 'p.jsonl');
    expect(jsonl).toMatchObject({ format: 'jsonl', predictions: [{ taskId: 8, score: 0.2, where: 'line 1' }, { taskId: 9, score: null, where: 'line 3' }] });
  });

  it('names the line or path of a problem', () => {
    const error = (text: string, name = 'x.json') => {
      try {
        parsePredictionFile(text, name);
      } catch (err) {
        expect(err).toBeInstanceOf(FormatError);
        return (err as FormatError).message;
      }
      throw new Error('no error');
    };
    expect(error('{"task": 1, "result": []}\n{"task": 0, "result": []}', 'p.jsonl')).toMatch(/line 2/);
    expect(error('{"task": 1, "result": []}\n{oops', 'p.jsonl')).toMatch(/line 2/);
    expect(error(JSON.stringify([{ id: 1, predictions: [{ result: [] }] }, { id: 2, predictions: [{ score: 1 }] }]))).toMatch(/\[1\]\.predictions\[0\]/);
    expect(error(JSON.stringify({ categories: [{ id: 1, name: 'Car' }], results: [{ image_id: 1, category_id: 1, bbox: [0, 0, -1, 2] }] }))).toMatch(/results\[0\]\.bbox/);
    expect(error(JSON.stringify({ results: [] }))).toMatch(/categories/);
  });
});

describe('cocoResultsToRegions', () => {
  it('turns pixel boxes into percent rectangles with their score, and sorts out unknown images and categories', () => {
    const file = parsePredictionFile(JSON.stringify({
      categories: [{ id: 1, name: 'Car' }, { id: 2, name: 'Bus' }],
      results: [{ image_id: 3, category_id: 1, bbox: [20, 10, 40, 30], score: 0.6 }, { image_id: 4, category_id: 1, bbox: [0, 0, 1, 1], score: 1 }, { image_id: 3, category_id: 2, bbox: [0, 0, 1, 1] }],
    }), 'r.json');
    if (file.format !== 'coco') throw new Error('not coco');
    const out = cocoResultsToRegions(file.results, file.categories, { fromName: 'box', toName: 'image', type: 'rectanglelabels', labels: ['Car'] }, (id) => (id === 3 ? { taskId: 30, size: { width: 200, height: 100 } } : null));
    expect(out.byTask.get(30)).toEqual([{ id: 'coco-0', from_name: 'box', to_name: 'image', original_width: 200, original_height: 100, score: 0.6, type: 'rectanglelabels', value: { x: 10, y: 10, width: 20, height: 30, rotation: 0, rectanglelabels: ['Car'] } }]);
    expect(out.unknownImages).toEqual([4]);
    expect(out.otherCategories).toEqual(['Bus']);
  });
});
