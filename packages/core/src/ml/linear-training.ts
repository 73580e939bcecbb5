import { checkVector, createLinearModel, extendLinearModel, type LinearModel } from './linear-model.js';
import { MlError } from './ml-error.js';
import { createRandom, shuffleInPlace } from './random.js';
import { sgdEpochs, type IndexedExample, type LearningCurvePoint } from './sgd-epochs.js';
import type { SparseVector } from './sparse-vector.js';
import { resolveTrainingOptions, type TrainingOptions } from './training-options.js';

/** A feature vector with its label. */
export interface LabeledVector {
  x: SparseVector;
  label: string;
}

/** What one call to train did, kept in the model so every version says how it was made. */
export interface TrainingSession {
  options: TrainingOptions;
  trainExamples: number;
  validationExamples: number;
  /** Epoch numbers continue across sessions: a second session of 5 after 20 runs epochs 21–25. */
  firstEpoch: number;
  lastEpoch: number;
  /** The last learning-curve point, when measured. */
  final: LearningCurvePoint | null;
}

export interface LinearTrainingResult {
  model: LinearModel;
  curve: LearningCurvePoint[];
  session: TrainingSession;
}

/** What training returns: the model and its learning curve. */
export interface TrainedModel<M> {
  model: M;
  curve: LearningCurvePoint[];
}

/** Extra options of a first training: the label order (e.g. the label config's), which may name labels no example has yet. */
export interface LabelOrderOption {
  labels?: readonly string[];
}

/**
 * Holds out `fraction` of each label's examples (at least one stays in training), chosen by the
 * seed; both parts keep the input order.
 */
export function splitForValidation<T extends { y: number }>(examples: readonly T[], fraction: number, seed: number): { train: T[]; validation: T[] } {
  if (fraction === 0) return { train: [...examples], validation: [] };
  const random = createRandom(seed);
  const byLabel = new Map<number, number[]>();
  examples.forEach((example, i) => {
    const group = byLabel.get(example.y) ?? [];
    group.push(i);
    byLabel.set(example.y, group);
  });
  const held = new Set<number>();
  for (const y of [...byLabel.keys()].sort((a, b) => a - b)) {
    const group = shuffleInPlace(byLabel.get(y) as number[], random);
    const count = Math.min(Math.round(group.length * fraction), group.length - 1);
    for (const i of group.slice(0, count)) held.add(i);
  }
  return { train: examples.filter((_, i) => !held.has(i)), validation: examples.filter((_, i) => held.has(i)) };
}

function sortedLabels(examples: readonly LabeledVector[]): string[] {
  return [...new Set(examples.map((e) => e.label))].sort();
}

/**
 * Trains a linear model on labelled vectors, yielding a learning-curve point per epoch and
 * returning the model. With `start` it continues from that model's weights (incremental training;
 * labels it has not seen are appended) and leaves `start` itself untouched.
 */
export function* linearTraining(
  start: LinearModel | null,
  examples: readonly LabeledVector[],
  dimensions: number,
  partial: Partial<TrainingOptions> & LabelOrderOption = {},
  firstEpoch = 1,
): Generator<LearningCurvePoint, LinearTrainingResult> {
  const options = resolveTrainingOptions(partial);
  if (examples.length === 0) throw new MlError('training needs at least one example');
  examples.forEach((e, i) => {
    if (typeof e.label !== 'string' || e.label === '') throw new MlError(`examples[${i}].label must be a non-empty string`);
    checkVector(e.x, dimensions, `examples[${i}].features`);
  });
  let model: LinearModel;
  if (start) {
    if (start.dimensions !== dimensions) throw new MlError(`the model has ${start.dimensions} features, the examples ${dimensions}`);
    model = extendLinearModel(start, sortedLabels(examples));
  } else {
    const labels = partial.labels ? [...partial.labels] : sortedLabels(examples);
    const unknown = examples.find((e) => !labels.includes(e.label));
    if (unknown) throw new MlError(`label "${unknown.label}" is not in the given labels`);
    model = createLinearModel(labels, dimensions);
  }
  const index = new Map(model.labels.map((label, k) => [label, k]));
  const indexed: IndexedExample[] = examples.map((e) => ({ x: e.x, y: index.get(e.label) as number }));
  const { train, validation } = splitForValidation(indexed, options.validationSplit, options.seed);
  const curve: LearningCurvePoint[] = [];
  for (const point of sgdEpochs(model, train, validation, options, firstEpoch)) {
    curve.push(point);
    yield point;
  }
  const final = options.learningCurve ? (curve[curve.length - 1] ?? null) : null;
  const session: TrainingSession = {
    options, trainExamples: train.length, validationExamples: validation.length, firstEpoch, lastEpoch: firstEpoch + options.epochs - 1, final,
  };
  return { model, curve, session };
}

/** Runs a training generator to the end and returns its result. */
export function runToEnd<R>(training: Generator<LearningCurvePoint, R>): R {
  for (;;) {
    const step = training.next();
    if (step.done) return step.value;
  }
}
