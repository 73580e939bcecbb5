import { argMax, linearProbabilities, type LinearModel } from './linear-model.js';
import { checkSeed, createRandom, shuffleInPlace } from './random.js';
import type { SparseVector } from './sparse-vector.js';
import type { TrainingOptions } from './training-options.js';

/** An example as the trainer sees it: a feature vector and the index of its label. */
export interface IndexedExample {
  x: SparseVector;
  y: number;
}

/** Loss (mean cross-entropy, without the L2 term) and accuracy after one epoch. */
export interface LearningCurvePoint {
  epoch: number;
  /** Null when the curve was not measured (`learningCurve: false`). */
  trainLoss: number | null;
  trainAccuracy: number | null;
  /** Null when no examples were held out or the curve was not measured. */
  validationLoss: number | null;
  validationAccuracy: number | null;
}

/** Mean cross-entropy and accuracy of the model (its weights times `scale`) on some examples (null for none). */
export function lossAndAccuracy(model: LinearModel, examples: readonly IndexedExample[], scale = 1): { loss: number; accuracy: number } | null {
  if (examples.length === 0) return null;
  const p = new Float64Array(model.labels.length);
  let loss = 0;
  let correct = 0;
  for (const { x, y } of examples) {
    linearProbabilities(model, x, p, scale);
    // Clamp so one confident mistake gives a large, finite loss rather than Infinity.
    loss -= Math.log(Math.max(p[y] as number, 1e-15));
    if (argMax(p) === y) correct++;
  }
  return { loss: loss / examples.length, accuracy: correct / examples.length };
}

/** Multiplies every weight by `scale` (folding the lazy L2 shrinkage back into the weights). */
function fold(weights: Float64Array, scale: number): void {
  if (scale === 1) return;
  for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] as number) * scale;
}

/**
 * Mini-batch SGD on the model in place, one yielded learning-curve point per epoch (so a job can
 * report progress, await between epochs or stop early). WARNING: between yields the weights are
 * stored scaled; they are right once the generator has finished or been stopped.
 * L2 shrinkage is applied to all weights at every step, exactly, through a shared scale factor
 * (W = s·V, Bottou's trick), so a step costs only the non-zero features of its batch.
 */
export function* sgdEpochs(
  model: LinearModel,
  train: readonly IndexedExample[],
  validation: readonly IndexedExample[],
  options: TrainingOptions,
  firstEpoch = 1,
): Generator<LearningCurvePoint, void> {
  const K = model.labels.length;
  const { weights, bias } = model;
  const { learningRate: lr, batchSize, l2 } = options;
  // A continued session draws a fresh shuffle stream rather than replaying the first session's.
  const random = createRandom(checkSeed(options.seed) + firstEpoch - 1);
  const order = Array.from(train, (_, i) => i);
  const grads = new Float64Array(batchSize * K);
  const p = new Float64Array(K);
  let scale = 1;
  try {
    for (let epoch = firstEpoch; epoch < firstEpoch + options.epochs; epoch++) {
      shuffleInPlace(order, random);
      for (let start = 0; start < order.length; start += batchSize) {
        const size = Math.min(batchSize, order.length - start);
        for (let j = 0; j < size; j++) {
          const { x, y } = train[order[start + j] as number] as IndexedExample;
          linearProbabilities(model, x, p, scale);
          for (let k = 0; k < K; k++) grads[j * K + k] = (p[k] as number) - (k === y ? 1 : 0);
        }
        scale *= 1 - lr * l2;
        const step = lr / size / scale;
        for (let j = 0; j < size; j++) {
          const { indices, values } = (train[order[start + j] as number] as IndexedExample).x;
          for (let t = 0; t < indices.length; t++) {
            const base = (indices[t] as number) * K;
            const v = (values[t] as number) * step;
            for (let k = 0; k < K; k++) weights[base + k] = (weights[base + k] as number) - v * (grads[j * K + k] as number);
          }
          for (let k = 0; k < K; k++) bias[k] = (bias[k] as number) - (lr / size) * (grads[j * K + k] as number);
        }
        // Keep the scale away from underflow on long runs with strong regularisation.
        if (scale < 1e-9) {
          fold(weights, scale);
          scale = 1;
        }
      }
      const trainScore = options.learningCurve ? lossAndAccuracy(model, train, scale) : null;
      const validationScore = options.learningCurve ? lossAndAccuracy(model, validation, scale) : null;
      yield {
        epoch,
        trainLoss: trainScore?.loss ?? null,
        trainAccuracy: trainScore?.accuracy ?? null,
        validationLoss: validationScore?.loss ?? null,
        validationAccuracy: validationScore?.accuracy ?? null,
      };
    }
  } finally {
    // Also when the caller stops early (break, return()): the weights are left unscaled.
    fold(weights, scale);
  }
}
