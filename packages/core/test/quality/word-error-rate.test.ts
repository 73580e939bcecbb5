import { describe, expect, it } from 'vitest';
import { sequenceEditDistance, transcriptionAgreement, transcriptWords, wordErrorRate } from '../../src/quality/index.js';

describe('word error rate', () => {
  it('counts word substitutions, deletions and insertions against the reference length', () => {
    // left → right (substitution), "the" dropped (deletion): 2 / 5
    expect(wordErrorRate('turn left at the light', 'turn right at light')).toBe(0.4);
    // one word inserted into 2: 1 / 2
    expect(wordErrorRate('go home', 'go home now')).toBe(0.5);
    expect(wordErrorRate('', '')).toBe(0);
    expect(wordErrorRate('', 'x')).toBe(1);
  });

  it('takes each Han character as a word and a run of digits or Latin letters as one', () => {
    expect(transcriptWords('前方 200 米左转')).toEqual(['前', '方', '200', '米', '左', '转']);
    // 右 for 左: 1 of the 6 words 前 方 200 米 左 转
    expect(wordErrorRate('前方200米左转', '前方200米右转')).toBeCloseTo(1 / 6, 12);
  });

  it('edit distance on sequences matches the textbook kitten → sitting', () => {
    expect(sequenceEditDistance([...'kitten'], [...'sitting'])).toBe(3);
    expect(sequenceEditDistance([], ['a', 'b'])).toBe(2);
  });
});

describe('transcription agreement between annotators', () => {
  const a = [{ start: 0, end: 2, text: 'turn left' }, { start: 3, end: 5, text: 'then stop' }];
  const b = [{ start: 3.2, end: 5, text: 'then stop' }, { start: 0, end: 2.2, text: 'turn right' }];

  it('compares whole transcripts in time order and pairs overlapping segments', () => {
    const r = transcriptionAgreement(a, b);
    // "turn left then stop" vs "turn right then stop": 1 of 4 words; characters: left → right is 4 edits of 19
    expect(r.wer).toBe(0.25);
    expect(r.cer).toBeCloseTo(4 / 19, 12);
    // segment 0 ↔ b[1]: IoU 2 / 2.2; segment 1 ↔ b[0]: IoU 1.8 / 2
    expect(r.pairs.map((p) => [p.a, p.b, Number(p.iou.toFixed(4)), p.wer])).toEqual([[0, 1, 0.9091, 0.5], [1, 0, 0.9, 0]]);
  });
});
