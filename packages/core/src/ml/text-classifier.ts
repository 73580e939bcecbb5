import { predictVector, type ClassPrediction } from './class-prediction.js';
import type { LinearModel } from './linear-model.js';
import { linearTraining, runToEnd, type LabelOrderOption, type TrainedModel, type TrainingSession } from './linear-training.js';
import { MlError } from './ml-error.js';
import type { LearningCurvePoint } from './sgd-epochs.js';
import type { SparseVector } from './sparse-vector.js';
import { resolveTextFeatures, textFeatures, type TextFeatureOptions } from './text-features.js';
import type { TrainingOptions } from './training-options.js';

/** A trained text classifier: its feature settings, weights and how it was trained. Plain data. */
export interface TextClassifier {
  readonly kind: 'text-classifier';
  readonly features: TextFeatureOptions;
  readonly linear: LinearModel;
  /** One entry per training call, oldest first. */
  readonly history: readonly TrainingSession[];
}

/**
 * A labelled text. `vector` may carry its features computed once ahead (active learning trains
 * many times on the same texts). WARNING: it must come from `textFeatures` with the same feature
 * options as the model, or training silently learns from different features than prediction sees.
 */
export interface TextExample {
  text: string;
  label: string;
  vector?: SparseVector;
}

export type TextTrainingOptions = Partial<TrainingOptions> & LabelOrderOption & { features?: Partial<TextFeatureOptions> };

function vectors(examples: readonly TextExample[], features: TextFeatureOptions) {
  return examples.map((e, i) => {
    if (typeof e.text !== 'string') throw new MlError(`examples[${i}].text must be a string`);
    return { x: e.vector ?? textFeatures(e.text, features), label: e.label };
  });
}

/**
 * Trains a text classifier step by step: yields a learning-curve point after each epoch (report
 * progress, await, or stop by not calling next again) and returns the trained model.
 */
export function* textClassifierTraining(examples: readonly TextExample[], options: TextTrainingOptions = {}): Generator<LearningCurvePoint, TrainedModel<TextClassifier>> {
  const features = resolveTextFeatures(options.features);
  const result = yield* linearTraining(null, vectors(examples, features), features.dimensions, options);
  return { model: { kind: 'text-classifier', features, linear: result.model, history: [result.session] }, curve: result.curve };
}

/**
 * Trains a text classifier: hashed word and character n-grams, multinomial logistic regression.
 * @example trainTextClassifier([{ text: 'win money now', label: 'spam' }, { text: 'lunch at noon?', label: 'ham' }]).model
 */
export function trainTextClassifier(examples: readonly TextExample[], options: TextTrainingOptions = {}): TrainedModel<TextClassifier> {
  return runToEnd(textClassifierTraining(examples, options));
}

/**
 * Continues training an existing model on (new or all) examples, from its current weights;
 * hyperparameters default to those of its last session. The given model is not changed.
 */
export function* textClassifierContinuation(
  model: TextClassifier,
  examples: readonly TextExample[],
  options: Partial<TrainingOptions> = {},
): Generator<LearningCurvePoint, TrainedModel<TextClassifier>> {
  const last = model.history[model.history.length - 1];
  const result = yield* linearTraining(model.linear, vectors(examples, model.features), model.features.dimensions, { ...last?.options, ...options }, (last?.lastEpoch ?? 0) + 1);
  return { model: { ...model, linear: result.model, history: [...model.history, result.session] }, curve: result.curve };
}

/** Incremental training to the end: see `textClassifierContinuation`. */
export function continueTextClassifier(model: TextClassifier, examples: readonly TextExample[], options: Partial<TrainingOptions> = {}): TrainedModel<TextClassifier> {
  return runToEnd(textClassifierContinuation(model, examples, options));
}

/** The model's features of a text (to compute once and pass as `vector`). */
export function textVector(model: TextClassifier, text: string): SparseVector {
  return textFeatures(text, model.features);
}

/** Predicts the label of a text with the probability of every label. */
export function predictText(model: TextClassifier, text: string): ClassPrediction {
  return predictVector(model.linear, textFeatures(text, model.features));
}
