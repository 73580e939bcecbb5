import { argMax, checkVector, linearProbabilities, type LinearModel } from './linear-model.js';
import type { SparseVector } from './sparse-vector.js';

/** A model's answer for one input. */
export interface ClassPrediction {
  /** The most probable label (the first in label order on a tie). */
  label: string;
  /** Its probability: the pre-label's score. */
  score: number;
  /** One probability per model label, in the model's label order; they sum to 1. */
  probabilities: number[];
}

/** The prediction of a linear model for a feature vector. */
export function predictVector(model: LinearModel, x: SparseVector): ClassPrediction {
  checkVector(x, model.dimensions);
  const probabilities = Array.from(linearProbabilities(model, x));
  const best = argMax(probabilities);
  return { label: model.labels[best] as string, score: probabilities[best] as number, probabilities };
}
