import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelConfigFromXml } from '../../src/label-config/index.js';
import { validateResult } from '../../src/results/index.js';
import { FUZZ_RUNS, mutated } from './mutations.js';
import { CONFIG_SEEDS } from './seeds.js';

// Every submitted annotation goes through validateResult: it is the parser of the API's most
// frequent untrusted input. On anything it answers ok or a list of issues — it never throws.

const imageConfig = labelConfigFromXml(CONFIG_SEEDS[0]!);
const textConfig = labelConfigFromXml(CONFIG_SEEDS[1]!);

const RESULT_SEEDS = [
  JSON.stringify([
    { id: 'r1', from_name: 'label', to_name: 'image', type: 'rectanglelabels', original_width: 640, original_height: 480, value: { x: 10, y: 20, width: 30, height: 40, rotation: 0, rectanglelabels: ['Car'] } },
    { id: 'p1', from_name: 'poly', to_name: 'image', type: 'polygonlabels', value: { points: [[0, 0], [10, 0], [10, 10]], closed: true, polygonlabels: ['Lane'] } },
    { id: 'k1', from_name: 'kp', to_name: 'image', type: 'keypointlabels', value: { x: 5, y: 5, width: 1, keypointlabels: ['Nose'] } },
  ]),
  JSON.stringify([
    { id: 's1', from_name: 'ner', to_name: 'text', type: 'labels', value: { start: 0, end: 4, text: 'John', labels: ['PER'] } },
    { id: 's2', from_name: 'ner', to_name: 'text', type: 'labels', value: { start: 14, end: 18, text: 'ACME', labels: ['ORG'] } },
    { from_id: 's1', to_id: 's2', type: 'relation', direction: 'right', labels: ['works for'] },
    { id: 'c1', from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: ['positive'] } },
    { id: 'r1', from_name: 'rating', to_name: 'text', type: 'rating', value: { rating: 4 } },
    { id: 't1', from_name: 'note', to_name: 'text', type: 'textarea', value: { text: ['fine'] } },
  ]),
];

function neverThrows(result: unknown): void {
  for (const config of [imageConfig, textConfig]) {
    const started = Date.now();
    const outcome = validateResult(config, result);
    expect(Date.now() - started).toBeLessThan(5_000);
    if (outcome.ok) expect(Array.isArray(outcome.result)).toBe(true);
    else expect(outcome.issues.length).toBeGreaterThan(0);
  }
}

describe('validateResult on hostile results', () => {
  it('seeds are valid for their configs', () => {
    expect(validateResult(imageConfig, JSON.parse(RESULT_SEEDS[0]!))).toMatchObject({ ok: true });
    expect(validateResult(textConfig, JSON.parse(RESULT_SEEDS[1]!))).toMatchObject({ ok: true });
  });

  it('mutated valid results (whatever still parses as JSON) give ok or issues', () => {
    fc.assert(fc.property(mutated(RESULT_SEEDS), (text) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return;
      }
      neverThrows(value);
    }), { numRuns: FUZZ_RUNS.numRuns * 2 });
  });

  it('items whose every field may be any value', () => {
    const anything = fc.anything({ maxDepth: 2, withNullPrototype: true, withObjectString: true });
    const item = fc.record({
      id: fc.oneof(fc.constantFrom('r1', 's1', 'c1', '__proto__', 'constructor'), anything),
      from_name: fc.oneof(fc.constantFrom('label', 'poly', 'ner', 'sentiment', 'rating', 'toString'), anything),
      to_name: fc.oneof(fc.constantFrom('image', 'text', 'hasOwnProperty'), anything),
      type: fc.oneof(fc.constantFrom('rectanglelabels', 'polygonlabels', 'keypointlabels', 'labels', 'choices', 'rating', 'textarea', 'relation', 'videorectangle'), anything),
      value: anything,
      from_id: anything,
      to_id: anything,
    }, { requiredKeys: [] });
    fc.assert(fc.property(fc.oneof(fc.array(item, { maxLength: 8 }), anything), (result) => neverThrows(result)), FUZZ_RUNS);
  });
});
