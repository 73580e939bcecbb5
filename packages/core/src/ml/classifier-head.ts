import { predictVector, type ClassPrediction } from './class-prediction.js';
import type { LinearModel } from './linear-model.js';
import { linearTraining, runToEnd, type LabelOrderOption, type TrainedModel, type TrainingSession } from './linear-training.js';
import { MlError } from './ml-error.js';
import type { LearningCurvePoint } from './sgd-epochs.js';
import { sparseFromDense, type SparseVector } from './sparse-vector.js';
import type { TrainingOptions } from './training-options.js';

/**
 * A classifier over fixed-length feature vectors (e.g. image embeddings from an ONNX model):
 * each feature is standardised, then the same logistic regression as the text classifier.
 */
export interface ClassifierHead {
  readonly kind: 'classifier-head';
  readonly inputSize: number;
  /** Per feature: x' = (x − mean) · scale. */
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  readonly linear: LinearModel;
  readonly history: readonly TrainingSession[];
}

/** A labelled feature vector. */
export interface VectorExample {
  features: ArrayLike<number>;
  label: string;
}

export type HeadTrainingOptions = Partial<TrainingOptions> & LabelOrderOption & {
  /** Centre each feature and divide by its standard deviation (on the first training's examples). Default true. */
  standardize?: boolean;
};

/** Checks a feature array's length and numbers. */
function checkFeatures(features: ArrayLike<number>, size: number, field: string): void {
  if (!features || typeof features.length !== 'number') throw new MlError(`${field} must be an array of numbers`);
  if (features.length !== size) throw new MlError(`${field} must have ${size} numbers, got ${features.length}`);
  for (let i = 0; i < size; i++) {
    if (!Number.isFinite(features[i])) throw new MlError(`${field}[${i}] must be a finite number, got ${features[i]}`);
  }
}

/** The standardised vector the linear model sees. */
function standardized(head: Pick<ClassifierHead, 'inputSize' | 'mean' | 'scale'>, features: ArrayLike<number>, field = 'features'): SparseVector {
  checkFeatures(features, head.inputSize, field);
  return sparseFromDense(Array.from({ length: head.inputSize }, (_, i) => ((features[i] as number) - (head.mean[i] as number)) * (head.scale[i] as number)), field);
}

/**
 * Mean and scale per feature. The scale also divides by √d so a standardised vector has length
 * about 1, like a text vector: the same learning rates then work for both.
 */
function standardization(examples: readonly VectorExample[], size: number, standardize: boolean): { mean: Float64Array; scale: Float64Array } {
  const mean = new Float64Array(size);
  const scale = new Float64Array(size).fill(1);
  if (!standardize) return { mean, scale };
  for (const e of examples) for (let i = 0; i < size; i++) mean[i] = (mean[i] as number) + (e.features[i] as number);
  for (let i = 0; i < size; i++) mean[i] = (mean[i] as number) / examples.length;
  const variance = new Float64Array(size);
  for (const e of examples) for (let i = 0; i < size; i++) variance[i] = (variance[i] as number) + ((e.features[i] as number) - (mean[i] as number)) ** 2 / examples.length;
  for (let i = 0; i < size; i++) {
    // WARNING: a constant feature's mean may be off by rounding, leaving a spread of ~1e-16;
    // dividing by that would blow rounding noise up to ±1. Such a feature is left unscaled.
    const std = Math.sqrt(variance[i] as number);
    const constant = std <= 1e-9 * Math.max(1, Math.abs(mean[i] as number));
    scale[i] = 1 / ((constant ? 1 : std) * Math.sqrt(size));
  }
  return { mean, scale };
}

/** Trains a classifier head step by step, a learning-curve point per epoch; returns the model. */
export function* classifierHeadTraining(examples: readonly VectorExample[], options: HeadTrainingOptions = {}): Generator<LearningCurvePoint, TrainedModel<ClassifierHead>> {
  const size = examples[0]?.features.length;
  if (size === undefined || size < 1) throw new MlError('training needs at least one example with at least one feature');
  examples.forEach((e, i) => checkFeatures(e.features, size, `examples[${i}].features`));
  const { mean, scale } = standardization(examples, size, options.standardize ?? true);
  const shape = { inputSize: size, mean, scale };
  const labelled = examples.map((e, i) => ({ x: standardized(shape, e.features, `examples[${i}].features`), label: e.label }));
  const result = yield* linearTraining(null, labelled, size, options);
  return { model: { kind: 'classifier-head', ...shape, linear: result.model, history: [result.session] }, curve: result.curve };
}

/** Trains a classifier head on fixed feature vectors. */
export function trainClassifierHead(examples: readonly VectorExample[], options: HeadTrainingOptions = {}): TrainedModel<ClassifierHead> {
  return runToEnd(classifierHeadTraining(examples, options));
}

/**
 * Continues training from the head's weights; the standardisation of the first training stays.
 * The given head is not changed.
 */
export function* classifierHeadContinuation(
  head: ClassifierHead,
  examples: readonly VectorExample[],
  options: Partial<TrainingOptions> = {},
): Generator<LearningCurvePoint, TrainedModel<ClassifierHead>> {
  const last = head.history[head.history.length - 1];
  const labelled = examples.map((e, i) => ({ x: standardized(head, e.features, `examples[${i}].features`), label: e.label }));
  const result = yield* linearTraining(head.linear, labelled, head.inputSize, { ...last?.options, ...options }, (last?.lastEpoch ?? 0) + 1);
  return { model: { ...head, linear: result.model, history: [...head.history, result.session] }, curve: result.curve };
}

/** Incremental training to the end: see `classifierHeadContinuation`. */
export function continueClassifierHead(head: ClassifierHead, examples: readonly VectorExample[], options: Partial<TrainingOptions> = {}): TrainedModel<ClassifierHead> {
  return runToEnd(classifierHeadContinuation(head, examples, options));
}

/** Predicts the label of a feature vector with the probability of every label. */
export function predictFeatures(head: ClassifierHead, features: ArrayLike<number>): ClassPrediction {
  return predictVector(head.linear, standardized(head, features));
}

