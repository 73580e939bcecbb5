import {
  AgreementError,
  cohenKappa,
  fleissKappa,
  krippendorffAlpha,
  percentAgreement,
  sortedLabels,
  type AgreementCell,
  type AgreementLabel,
  type AgreementResult,
  type KappaWeights,
  type KrippendorffLevel,
} from '@laoshi/core';
import type { SubmittedAnnotation } from './analysis-data.js';
import type { AgreementCore, ClassificationMetric, Disagreement, PairAgreement, Statistic } from './agreement-types.js';
import { labelOf, orderedLabel, type ControlInfo } from './control-answers.js';

interface Params {
  metric: ClassificationMetric;
  level: KrippendorffLevel;
  weights: KappaWeights | undefined;
}

type Matrix = AgreementCell[][];

function statistic(run: () => AgreementResult): Statistic {
  try {
    const r = run();
    if (Number.isNaN(r.value)) return { value: null, items: r.items, raters: r.raters, pairable: r.pairable, note: 'undefined (0/0): every rating used the same label' };
    return { value: r.value, items: r.items, raters: r.raters, pairable: r.pairable };
  } catch (err) {
    if (!(err instanceof AgreementError)) throw err;
    return { value: null, items: 0, raters: 0, pairable: 0, note: err.message };
  }
}

/** Fleiss needs one rating count on every item: keep the items with the most common count (≥ 2). */
function fleissRows(matrix: Matrix): Matrix {
  const counts = new Map<number, number>();
  const filled = (row: AgreementCell[]) => row.filter((c) => c !== null && c !== undefined).length;
  for (const row of matrix) {
    const n = filled(row);
    if (n >= 2) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  const [n] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0];
  return matrix.filter((row) => filled(row) === n);
}

function run(metric: ClassificationMetric, matrix: Matrix, level: KrippendorffLevel, weights: KappaWeights | undefined): Statistic {
  switch (metric) {
    case 'percent':
      return statistic(() => percentAgreement(matrix));
    case 'cohen':
      return statistic(() => cohenKappa(matrix, { weights }));
    case 'fleiss':
      return statistic(() => fleissKappa(fleissRows(matrix)));
    case 'krippendorff':
      return statistic(() => krippendorffAlpha(matrix, { level }));
  }
}

/** The two columns of a pair of raters, on the items both rated. */
function pairMatrix(matrix: Matrix, i: number, j: number): Matrix {
  return matrix.filter((row) => row[i] != null && row[j] != null).map((row) => [row[i], row[j]]);
}

/**
 * Agreement on a classification control: items are tasks, raters the annotators. Overall over all
 * raters (Cohen's kappa, defined for two raters, becomes the mean of the pairs' kappas), per label
 * (each label against the rest), per pair of annotators, and the tasks whose ratings disagree most.
 */
export function classificationAgreement(byTask: ReadonlyMap<number, SubmittedAnnotation[]>, control: ControlInfo, params: Params): AgreementCore {
  const ordered = params.metric === 'krippendorff' ? params.level !== 'nominal' : params.metric === 'cohen' && params.weights !== undefined;
  const answers = [...byTask].map(([taskId, list]) => ({
    taskId,
    list: list.flatMap((a) => {
      const label = labelOf(a.result, control);
      return label === null ? [] : [{ annotation: a, label: ordered ? orderedLabel(label, control) : label }];
    }),
  })).filter((t) => t.list.length > 0);
  const annotatorIds = [...new Set(answers.flatMap((t) => t.list.map((x) => x.annotation.userId)))].sort((a, b) => a - b);
  const column = new Map(annotatorIds.map((id, i) => [id, i]));
  const matrix: Matrix = answers.map((t) => {
    const row: AgreementCell[] = new Array<AgreementCell>(annotatorIds.length).fill(null);
    for (const x of t.list) row[column.get(x.annotation.userId)!] = x.label;
    return row;
  });

  const pairs = pairsOf(matrix, annotatorIds, (m) => run(params.metric, m, params.level, params.weights).value);
  // Cohen's kappa is for two raters: with more, the overall and per-label values are the mean over pairs (Light's kappa).
  const lightKappa = params.metric === 'cohen' && annotatorIds.length > 2;
  const overall = lightKappa ? meanOfPairs(matrix, pairs) : run(params.metric, matrix, params.level, params.weights);
  const all = matrix.flat().filter((c): c is AgreementLabel => c !== null && c !== undefined);
  const perLabel = sortedLabels(all).map((label) => {
    // Each label against the rest: a two-label, nominal question.
    const binary = matrix.map((row) => row.map((c) => (c === null || c === undefined ? null : c === label ? 1 : 0)));
    const value = lightKappa
      ? meanOfPairs(binary, pairsOf(binary, annotatorIds, (m) => run('cohen', m, 'nominal', undefined).value)).value
      : run(params.metric, binary, 'nominal', undefined).value;
    // Ordered statistics rated choices by their position; show the choice again.
    const shown = ordered && control.type === 'choices' && typeof label === 'number' ? (control.order[label] ?? label) : label;
    return { label: shown, value, support: all.filter((c) => c === label).length };
  });

  const disagreements: Disagreement[] = answers
    .filter((t) => t.list.length >= 2)
    .map((t) => {
      const counts = new Map<AgreementLabel, number>();
      for (const x of t.list) counts.set(x.label, (counts.get(x.label) ?? 0) + 1);
      const m = t.list.length;
      const agreeing = [...counts.values()].reduce((sum, n) => sum + n * (n - 1), 0) / (m * (m - 1));
      return { taskId: t.taskId, annotationIds: t.list.map((x) => x.annotation.id), annotators: t.list.map((x) => x.annotation.userId), disagreement: 1 - agreeing };
    });

  return { ...overall, aggregate: lightKappa ? 'mean-of-pairs' : 'all-raters', perLabel, pairs, disagreements, annotatorIds };
}

function pairsOf(matrix: Matrix, annotatorIds: readonly number[], value: (m: Matrix) => number | null): PairAgreement[] {
  const pairs: PairAgreement[] = [];
  for (let i = 0; i < annotatorIds.length; i++) {
    for (let j = i + 1; j < annotatorIds.length; j++) {
      const m = pairMatrix(matrix, i, j);
      if (m.length > 0) pairs.push({ annotators: [annotatorIds[i]!, annotatorIds[j]!], value: value(m), items: m.length });
    }
  }
  return pairs;
}

function meanOfPairs(matrix: Matrix, pairs: readonly PairAgreement[]): Statistic {
  const values = pairs.map((p) => p.value).filter((v): v is number => v !== null);
  const used = matrix.filter((row) => row.filter((c) => c != null).length >= 2);
  const raters = new Set(pairs.flatMap((p) => p.annotators)).size;
  return {
    value: values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null,
    items: used.length,
    raters,
    pairable: used.reduce((sum, row) => sum + row.filter((c) => c != null).length, 0),
    ...(values.length === 0 ? { note: 'no pair of annotators has a defined kappa' } : {}),
  };
}
