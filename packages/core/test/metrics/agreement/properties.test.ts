import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cohenKappa,
  fleissKappa,
  krippendorffAlpha,
  percentAgreement,
  type AgreementCell,
  type KappaWeights,
  type KrippendorffLevel,
} from '../../../src/metrics/index.js';

const LEVELS: KrippendorffLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];
const WEIGHTS: (KappaWeights | undefined)[] = [undefined, 'linear', 'quadratic'];

/** Same value, counting NaN as equal to NaN. */
function expectSame(a: number, b: number): void {
  if (Number.isNaN(a)) expect(b).toBeNaN();
  else expect(b).toBeCloseTo(a, 10);
}

/** Two raters over labels 0..4, every item rated by both, at least one item. */
const pairs = fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), { minLength: 1, maxLength: 30 });

/** items × raters with labels 0..4 and missing cells, at least two raters. */
const sparseMatrix = fc.integer({ min: 2, max: 5 }).chain((raters) =>
  fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: null, freq: 3 }), { minLength: raters, maxLength: raters }), {
    minLength: 1,
    maxLength: 20,
  }),
);

const hasPairableUnit = (m: AgreementCell[][]) => m.some((row) => row.filter((c) => c !== null).length >= 2);

/**
 * Perfect agreement: each item has one true label (0..4) that every rater who rated it gave;
 * `missing` marks cells left empty. Filtered to two distinct labels among items rated twice, so
 * the statistics are defined.
 */
const perfectMatrix = (raters: number, allowMissing: boolean) =>
  fc
    .array(
      fc.tuple(
        fc.integer({ min: 0, max: 4 }),
        fc.array(allowMissing ? fc.boolean() : fc.constant(false), { minLength: raters, maxLength: raters }),
      ),
      { minLength: 2, maxLength: 20 },
    )
    .map((items) => items.map(([label, missing]) => missing.map((gap) => (gap ? null : label))))
    .filter((m) => new Set(m.filter((row) => row.filter((c) => c !== null).length >= 2).map((row) => row.find((c) => c !== null))).size >= 2);

describe('agreement properties', () => {
  it('perfect agreement gives 1 for every statistic', () => {
    fc.assert(
      fc.property(perfectMatrix(2, false), (m) => {
        for (const weights of WEIGHTS) expect(cohenKappa(m, { weights }).value).toBeCloseTo(1, 12);
      }),
    );
    fc.assert(
      fc.property(perfectMatrix(4, false), (m) => {
        expect(fleissKappa(m).value).toBeCloseTo(1, 12);
        expect(percentAgreement(m).value).toBe(1);
      }),
    );
    fc.assert(
      fc.property(perfectMatrix(4, true), (m) => {
        for (const level of LEVELS) expect(krippendorffAlpha(m, { level }).value).toBeCloseTo(1, 12);
        expect(percentAgreement(m).value).toBe(1);
      }),
    );
  });

  it('swapping the two raters does not change Cohen’s kappa', () => {
    fc.assert(
      fc.property(pairs, (m) => {
        const swapped = m.map(([a, b]) => [b, a]);
        for (const weights of WEIGHTS) expectSame(cohenKappa(m, { weights }).value, cohenKappa(swapped, { weights }).value);
      }),
    );
  });

  it('weights make no difference with two labels', () => {
    const twoLabels = fc.array(fc.tuple(fc.constantFrom('no', 'yes'), fc.constantFrom('no', 'yes')), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(twoLabels, (m) => {
        const unweighted = cohenKappa(m).value;
        expectSame(unweighted, cohenKappa(m, { weights: 'linear' }).value);
        expectSame(unweighted, cohenKappa(m, { weights: 'quadratic' }).value);
      }),
    );
  });

  it('nominal alpha does not change when labels are renamed', () => {
    const renaming = fc.tuple(fc.shuffledSubarray(['x', 'y', 'z', 'w', 'v', 'u', 't'], { minLength: 5, maxLength: 5 }), sparseMatrix);
    fc.assert(
      fc.property(renaming, ([names, m]) => {
        fc.pre(hasPairableUnit(m));
        const renamed = m.map((row) => row.map((c) => (c === null ? null : names[c]!)));
        expectSame(krippendorffAlpha(m).value, krippendorffAlpha(renamed).value);
      }),
    );
  });

  it('alpha does not depend on the order of the rater columns', () => {
    fc.assert(
      fc.property(sparseMatrix, (m) => {
        fc.pre(hasPairableUnit(m));
        const reversed = m.map((row) => [...row].reverse());
        for (const level of LEVELS) expectSame(krippendorffAlpha(m, { level }).value, krippendorffAlpha(reversed, { level }).value);
      }),
    );
  });

  it('interval alpha does not change under a positive affine map of the values', () => {
    fc.assert(
      fc.property(sparseMatrix, fc.integer({ min: 1, max: 9 }), fc.integer({ min: -50, max: 50 }), (m, scale, shift) => {
        fc.pre(hasPairableUnit(m));
        const mapped = m.map((row) => row.map((c) => (c === null ? null : c * scale + shift)));
        const level = 'interval';
        expectSame(krippendorffAlpha(m, { level }).value, krippendorffAlpha(mapped, { level }).value);
      }),
    );
  });

  it('alpha never exceeds 1', () => {
    fc.assert(
      fc.property(sparseMatrix, (m) => {
        fc.pre(hasPairableUnit(m));
        for (const level of LEVELS) {
          const { value } = krippendorffAlpha(m, { level });
          if (!Number.isNaN(value)) expect(value).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });
});
