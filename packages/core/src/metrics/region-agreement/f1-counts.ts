/** Matching counts and F1 of one label between two annotators (or summed over pairs). */
export interface LabelF1 {
  label: string;
  /** Matched pairs. */
  matched: number;
  /** Regions of the first annotator (or side) with the label. */
  countA: number;
  /** Regions of the second annotator (or side) with the label. */
  countB: number;
  /** Sum of the IoU of the matched pairs. */
  iouSum: number;
  /** 2·matched / (countA + countB); NaN when neither side has the label. */
  f1: number;
  /** iouSum / matched; NaN when nothing matched. */
  meanIoU: number;
}

/** F1 of two annotators' regions: per label, and over all labels. */
export interface RegionF1Result {
  /** One entry per label either side used, sorted by label. */
  labels: LabelF1[];
  matched: number;
  countA: number;
  countB: number;
  iouSum: number;
  /** Micro F1 over all labels, 2·matched / (countA + countB); NaN when neither side has a region. */
  f1: number;
  /** Mean of the per-label F1; NaN when there are no labels. */
  macroF1: number;
  meanIoU: number;
}

type Counts = Pick<LabelF1, 'matched' | 'countA' | 'countB' | 'iouSum'>;

function withRatios<T extends Counts>(counts: T): T & { f1: number; meanIoU: number } {
  const total = counts.countA + counts.countB;
  return {
    ...counts,
    f1: total > 0 ? (2 * counts.matched) / total : Number.NaN,
    meanIoU: counts.matched > 0 ? counts.iouSum / counts.matched : Number.NaN,
  };
}

/** Adds counts label by label; call `finish` for the result. */
export class F1Tally {
  private readonly byLabel = new Map<string, Counts>();

  add(label: string, counts: Counts): void {
    const sum = this.byLabel.get(label) ?? { matched: 0, countA: 0, countB: 0, iouSum: 0 };
    this.byLabel.set(label, {
      matched: sum.matched + counts.matched,
      countA: sum.countA + counts.countA,
      countB: sum.countB + counts.countB,
      iouSum: sum.iouSum + counts.iouSum,
    });
  }

  finish(): RegionF1Result {
    const labels = [...this.byLabel.keys()].sort().map((label) => withRatios({ label, ...this.byLabel.get(label)! }));
    const total: Counts = { matched: 0, countA: 0, countB: 0, iouSum: 0 };
    for (const l of labels) {
      total.matched += l.matched;
      total.countA += l.countA;
      total.countB += l.countB;
      total.iouSum += l.iouSum;
    }
    const macroF1 = labels.length > 0 ? labels.reduce((sum, l) => sum + l.f1, 0) / labels.length : Number.NaN;
    return { labels, ...withRatios(total), macroF1 };
  }
}
