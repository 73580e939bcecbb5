import { MlError } from './ml-error.js';
import type { SparseVector } from './sparse-vector.js';

/**
 * Multinomial logistic regression: class k scores `bias[k] + Σ x[f]·weights[f·K + k]` and the
 * softmax of the scores gives the probabilities. Weights are feature-major so the K weights of one
 * feature sit together, which is what a sparse example touches.
 */
export interface LinearModel {
  readonly labels: readonly string[];
  readonly dimensions: number;
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

/** A zero model (every class equally likely) over `dimensions` features. */
export function createLinearModel(labels: readonly string[], dimensions: number): LinearModel {
  if (labels.length < 2) throw new MlError(`a classifier needs at least two labels, got ${labels.length}`);
  if (new Set(labels).size !== labels.length) throw new MlError('labels must be distinct');
  if (!Number.isInteger(dimensions) || dimensions < 1) throw new MlError(`dimensions must be a positive integer, got ${dimensions}`);
  return { labels: [...labels], dimensions, weights: new Float64Array(dimensions * labels.length), bias: new Float64Array(labels.length) };
}

/**
 * A copy of the model with `extra` labels appended (their weights zero), for training on labels
 * the model has not seen yet; the existing labels keep their order and weights.
 */
export function extendLinearModel(model: LinearModel, extra: readonly string[]): LinearModel {
  const labels = [...model.labels, ...extra.filter((label) => !model.labels.includes(label))];
  const next = createLinearModel(labels, model.dimensions);
  const [k0, k1] = [model.labels.length, labels.length];
  for (let f = 0; f < model.dimensions; f++) {
    for (let k = 0; k < k0; k++) next.weights[f * k1 + k] = model.weights[f * k0 + k] as number;
  }
  next.bias.set(model.bias);
  return next;
}

/** Checks that a vector's indices fall inside the model's features. */
export function checkVector(x: SparseVector, dimensions: number, field = 'features'): void {
  const last = x.indices[x.indices.length - 1];
  if (x.indices.length !== x.values.length) throw new MlError(`${field}: indices and values differ in length`);
  if (last !== undefined && (last >= dimensions || (x.indices[0] as number) < 0)) {
    throw new MlError(`${field}: index out of range for ${dimensions} features`);
  }
}

/**
 * Writes the class probabilities of `x` into `out` (length K) and returns it. `scale` multiplies
 * the weights (not the biases); training keeps its L2 shrinkage there instead of touching every weight.
 */
export function linearProbabilities(model: LinearModel, x: SparseVector, out = new Float64Array(model.labels.length), scale = 1): Float64Array {
  const K = model.labels.length;
  const { weights, bias } = model;
  out.fill(0);
  const { indices, values } = x;
  for (let t = 0; t < indices.length; t++) {
    const base = (indices[t] as number) * K;
    const value = values[t] as number;
    for (let k = 0; k < K; k++) out[k] = (out[k] as number) + value * (weights[base + k] as number);
  }
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    out[k] = (out[k] as number) * scale + (bias[k] as number);
    if ((out[k] as number) > max) max = out[k] as number;
  }
  let sum = 0;
  for (let k = 0; k < K; k++) {
    out[k] = Math.exp((out[k] as number) - max);
    sum += out[k] as number;
  }
  for (let k = 0; k < K; k++) out[k] = (out[k] as number) / sum;
  return out;
}

/** Index of the largest probability; the first one on a tie, so ties break by label order. */
export function argMax(probabilities: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < probabilities.length; k++) if ((probabilities[k] as number) > (probabilities[best] as number)) best = k;
  return best;
}
