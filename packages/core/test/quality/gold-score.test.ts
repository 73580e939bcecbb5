import { describe, expect, it } from 'vitest';
import type { ResultItem } from '../../src/results/index.js';
import { QualityError, scoreAgainstGold } from '../../src/quality/index.js';

const item = (fromName: string, type: string, value: Record<string, unknown>, id = `${fromName}-${JSON.stringify(value)}`): ResultItem =>
  ({ id, from_name: fromName, to_name: type === 'labels' ? 'text' : 'image', type, value }) as ResultItem;
const choice = (...choices: string[]) => item('sentiment', 'choices', { choices });
const box = (label: string, x: number, y = 0) => item('box', 'rectanglelabels', { x, y, width: 10, height: 10, rectanglelabels: [label] });
const span = (label: string, start: number, end: number) => item('ner', 'labels', { start, end, labels: [label] });
const text = (t: string) => item('transcript', 'textarea', { text: [t] });

describe('scoreAgainstGold', () => {
  it('scores choices by exact match, in any order of the selected choices', () => {
    expect(scoreAgainstGold([choice('pos')], [choice('pos')]).score).toBe(1);
    expect(scoreAgainstGold([choice('pos')], [choice('neg')]).score).toBe(0);
    expect(scoreAgainstGold([choice('a', 'b')], [choice('b', 'a')]).score).toBe(1);
    expect(scoreAgainstGold([choice('a', 'b')], [choice('a')]).score).toBe(0);
  });

  it('scores a missing answer as 0', () => {
    const r = scoreAgainstGold([choice('pos')], []);
    expect(r.score).toBe(0);
    expect(r.controls).toEqual([{ fromName: 'sentiment', type: 'choices', metric: 'exact', score: 0, details: { expected: '["pos"]', given: '' } }]);
  });

  it('scores boxes by IoU-matched F1 at the configured threshold', () => {
    // Gold: two cars. Given: a car shifted by 1 (IoU 90/110 = 9/11) and a car far away.
    const gold = [box('car', 0), box('car', 50)];
    const given = [box('car', 1), box('car', 80)];
    const r = scoreAgainstGold(gold, given);
    expect(r.score).toBe(0.5); // 2·1/(2 + 2)
    expect(r.controls[0]).toMatchObject({ metric: 'region-f1', details: { matched: 1, countGold: 2, countSubmission: 2, meanIoU: expect.closeTo(9 / 11, 12) } });
    // At a threshold above 9/11 nothing matches.
    expect(scoreAgainstGold(gold, given, { iouThreshold: 0.85 }).score).toBe(0);
  });

  it('scores NER spans by F1, exact offsets by default and overlap on request', () => {
    const gold = [span('PER', 0, 5), span('LOC', 10, 15)];
    const given = [span('PER', 0, 5), span('LOC', 11, 15)];
    expect(scoreAgainstGold(gold, given).score).toBe(0.5);
    expect(scoreAgainstGold(gold, given, { spanMatch: 'overlap' }).score).toBe(1);
  });

  it('scores text by 1 − character error rate, floored at 0', () => {
    expect(scoreAgainstGold([text('hello')], [text('hallo')]).score).toBeCloseTo(0.8, 12);
    expect(scoreAgainstGold([text('ab')], [text('abcdefgh')]).score).toBe(0);
  });

  it('averages the controls into one score and reports each', () => {
    const gold = [choice('pos'), box('car', 0), text('hello')];
    const given = [choice('neg'), box('car', 0), text('hello')];
    const r = scoreAgainstGold(gold, given);
    expect(r.controls.map((c) => [c.fromName, c.score])).toEqual([['box', 1], ['sentiment', 0], ['transcript', 1]]);
    expect(r.score).toBeCloseTo(2 / 3, 12);
  });

  it('gives a self-crossing polygon a null score with the reason, and scores the rest', () => {
    const bowtie = item('poly', 'polygonlabels', { points: [[0, 0], [10, 10], [10, 0], [0, 10]], polygonlabels: ['x'] });
    const r = scoreAgainstGold([bowtie, choice('pos')], [bowtie, choice('pos')]);
    expect(r.controls.find((c) => c.fromName === 'poly')).toMatchObject({ score: null, error: expect.stringMatching(/crosses itself/) });
    expect(r.score).toBe(1);
  });

  it('ignores relations and is null when nothing can be scored', () => {
    const relation = { type: 'relation', from_id: 'a', to_id: 'b' } as ResultItem;
    expect(scoreAgainstGold([relation], [relation])).toEqual({ score: null, controls: [] });
  });

  it('rejects a threshold outside (0, 1]', () => {
    expect(() => scoreAgainstGold([], [], { iouThreshold: 0 })).toThrow(QualityError);
  });
});
