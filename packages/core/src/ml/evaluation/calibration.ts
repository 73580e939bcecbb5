import { MlError } from '../ml-error.js';

/** One confidence bin of a reliability diagram. */
export interface CalibrationBin {
  /** The bin holds confidences in (lower, upper]; the first bin also holds 0. */
  lower: number;
  upper: number;
  count: number;
  /** Share of correct predictions in the bin; null when it is empty. */
  accuracy: number | null;
  /** Mean confidence in the bin; null when it is empty. */
  confidence: number | null;
}

export interface CalibrationReport {
  /** Σ (nᵦ / N)·|accuracyᵦ − confidenceᵦ| over the bins. */
  expectedCalibrationError: number;
  /** The largest |accuracyᵦ − confidenceᵦ| over non-empty bins. */
  maxCalibrationError: number;
  bins: CalibrationBin[];
}

/**
 * Expected calibration error with equal-width bins of the predicted label's probability.
 * @example calibration([0.9, 0.3], [true, true], { bins: 2 }).expectedCalibrationError // (0.1 + 0.7) / 2 = 0.4
 */
export function calibration(confidences: readonly number[], correct: readonly boolean[], options: { bins?: number } = {}): CalibrationReport {
  const binCount = options.bins ?? 10;
  if (!Number.isInteger(binCount) || binCount < 1 || binCount > 1000) throw new MlError(`bins must be an integer 1..1000, got ${binCount}`);
  if (confidences.length !== correct.length) throw new MlError(`confidences and correct differ in length: ${confidences.length} and ${correct.length}`);
  if (confidences.length === 0) throw new MlError('confidences must not be empty');
  const edges = Array.from({ length: binCount + 1 }, (_, i) => i / binCount);
  const count = new Array<number>(binCount).fill(0);
  const hits = new Array<number>(binCount).fill(0);
  const sure = new Array<number>(binCount).fill(0);
  confidences.forEach((c, i) => {
    if (!(c >= 0 && c <= 1)) throw new MlError(`confidences[${i}] must be in [0, 1], got ${c}`);
    // Compare with the same edges the report shows, so 0.3 lands in (0.2, 0.3] despite 0.3·10 > 3.
    let b = Math.min(binCount - 1, Math.max(0, Math.ceil(c * binCount) - 1));
    while (b > 0 && c <= (edges[b] as number)) b--;
    while (b < binCount - 1 && c > (edges[b + 1] as number)) b++;
    count[b]! += 1;
    sure[b]! += c;
    if (correct[i]) hits[b]! += 1;
  });
  const bins = count.map((n, b): CalibrationBin => ({
    lower: edges[b] as number,
    upper: edges[b + 1] as number,
    count: n,
    accuracy: n ? (hits[b] as number) / n : null,
    confidence: n ? (sure[b] as number) / n : null,
  }));
  let [ece, mce] = [0, 0];
  for (const bin of bins) {
    if (bin.accuracy === null || bin.confidence === null) continue;
    const gap = Math.abs(bin.accuracy - bin.confidence);
    ece += (bin.count / confidences.length) * gap;
    mce = Math.max(mce, gap);
  }
  return { expectedCalibrationError: ece, maxCalibrationError: mce, bins };
}
