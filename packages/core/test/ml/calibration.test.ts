import { describe, expect, it } from 'vitest';
import { MlError, calibration } from '../../src/ml/index.js';

describe('calibration', () => {
  it('computes ECE and MCE by hand', () => {
    // Bin (0, 0.5]: 0.3 right → |1 − 0.3| = 0.7; bin (0.5, 1]: 0.9 right, 0.7 wrong → |0.5 − 0.8| = 0.3.
    const r = calibration([0.3, 0.9, 0.7], [true, true, false], { bins: 2 });
    expect(r.expectedCalibrationError).toBeCloseTo((1 / 3) * 0.7 + (2 / 3) * 0.3, 15);
    expect(r.maxCalibrationError).toBeCloseTo(0.7, 15);
    expect(r.bins).toEqual([
      { lower: 0, upper: 0.5, count: 1, accuracy: 1, confidence: 0.3 },
      { lower: 0.5, upper: 1, count: 2, accuracy: 0.5, confidence: 0.8 },
    ]);
  });

  it('is 0 for a perfectly calibrated model', () => {
    const confidences = [0.8, 0.8, 0.8, 0.8, 0.8];
    expect(calibration(confidences, [true, true, true, true, false]).expectedCalibrationError).toBeCloseTo(0, 15);
  });

  it('puts a confidence on a bin edge into the lower bin, despite 0.3·10 rounding above 3', () => {
    const r = calibration([0.3, 0, 1], [true, true, true]);
    expect(r.bins[2]?.count).toBe(1);
    expect(r.bins[0]?.count).toBe(1);
    expect(r.bins[9]?.count).toBe(1);
    expect(r.bins[3]?.count).toBe(0);
    expect(r.bins[3]?.accuracy).toBeNull();
  });

  it('rejects confidences outside [0, 1], bad bins and mismatched lengths', () => {
    expect(() => calibration([1.2], [true])).toThrow(/confidences\[0\]/);
    expect(() => calibration([0.5], [true], { bins: 0 })).toThrow(/bins/);
    expect(() => calibration([0.5], [])).toThrow(MlError);
  });
});
