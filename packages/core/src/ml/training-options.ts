import { MlError } from './ml-error.js';
import { checkSeed } from './random.js';

/** Hyperparameters of mini-batch SGD on L2-regularised multinomial logistic regression. */
export interface TrainingOptions {
  /** Step size. Features have length about 1, so 0.05–3 is the useful range. Default 1. */
  learningRate: number;
  /** Passes over the training examples. Default 20. */
  epochs: number;
  /** Examples per gradient step. Default 16. */
  batchSize: number;
  /** L2 penalty λ: the loss is mean cross-entropy + λ/2·‖W‖² (biases are not penalised). Default 1e-4. */
  l2: number;
  /** Share of the examples held out (per label) to measure the learning curve, in [0, 0.9]. Default 0.1. */
  validationSplit: number;
  /** Seed of the shuffles and of the validation split. Default 0. */
  seed: number;
  /** Measure loss and accuracy after every epoch (one more pass over the data). Default true. */
  learningCurve: boolean;
}

export const DEFAULT_TRAINING: Readonly<TrainingOptions> = Object.freeze({
  learningRate: 1,
  epochs: 20,
  batchSize: 16,
  l2: 1e-4,
  validationSplit: 0.1,
  seed: 0,
  learningCurve: true,
});

/** Fills in defaults and checks every hyperparameter; throws MlError naming the bad one. */
export function resolveTrainingOptions(options: Partial<TrainingOptions> = {}): TrainingOptions {
  const o = { ...DEFAULT_TRAINING, ...options };
  const positive = (value: number) => Number.isFinite(value) && value > 0;
  if (!positive(o.learningRate)) throw new MlError(`learningRate must be a positive number, got ${o.learningRate}`);
  if (!Number.isInteger(o.epochs) || o.epochs < 1 || o.epochs > 10_000) throw new MlError(`epochs must be an integer 1..10000, got ${o.epochs}`);
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new MlError(`batchSize must be a positive integer, got ${o.batchSize}`);
  if (!Number.isFinite(o.l2) || o.l2 < 0) throw new MlError(`l2 must be a number ≥ 0, got ${o.l2}`);
  // Each step shrinks the weights by (1 − learningRate·l2); at 1 or more they would vanish or flip.
  if (o.learningRate * o.l2 >= 1) throw new MlError(`learningRate × l2 must be below 1, got ${o.learningRate * o.l2}`);
  if (!Number.isFinite(o.validationSplit) || o.validationSplit < 0 || o.validationSplit > 0.9) {
    throw new MlError(`validationSplit must be a number from 0 to 0.9, got ${o.validationSplit}`);
  }
  checkSeed(o.seed);
  if (typeof o.learningCurve !== 'boolean') throw new MlError('learningCurve must be true or false');
  return {
    learningRate: o.learningRate, epochs: o.epochs, batchSize: o.batchSize, l2: o.l2,
    validationSplit: o.validationSplit, seed: o.seed, learningCurve: o.learningCurve,
  };
}
