import * as z from 'zod';
import type { ClassifierHead } from './classifier-head.js';
import { createLinearModel, type LinearModel } from './linear-model.js';
import type { TrainingSession } from './linear-training.js';
import { MlError } from './ml-error.js';
import { resolveTextFeatures } from './text-features.js';
import type { TextClassifier } from './text-classifier.js';
import { resolveTrainingOptions } from './training-options.js';

// Only features with a non-zero weight are written: a hashed text model touches a small share of
// its 2^18 buckets. JSON numbers round-trip doubles exactly, so a parsed model predicts the same.
const linearJson = z.strictObject({
  labels: z.array(z.string().min(1)).min(2),
  dimensions: z.int().min(1).max(2 ** 24),
  bias: z.array(z.number()),
  features: z.array(z.int().min(0)),
  weights: z.array(z.number()),
});

const curvePoint = z.strictObject({
  epoch: z.int(),
  trainLoss: z.number().nullable(),
  trainAccuracy: z.number().nullable(),
  validationLoss: z.number().nullable(),
  validationAccuracy: z.number().nullable(),
});

const range = z.tuple([z.int(), z.int()]).nullable();
const features = z.strictObject({
  dimensions: z.int(), wordNgrams: range, charNgrams: range, sublinearTf: z.boolean(), maxChars: z.int().nullable(),
});
const options = z.strictObject({
  learningRate: z.number(), epochs: z.int(), batchSize: z.int(), l2: z.number(), validationSplit: z.number(), seed: z.int(), learningCurve: z.boolean(),
});

const session = z.strictObject({
  options,
  trainExamples: z.int().min(0),
  validationExamples: z.int().min(0),
  firstEpoch: z.int().min(1),
  lastEpoch: z.int().min(1),
  final: curvePoint.nullable(),
});

const modelJson = z.discriminatedUnion('format', [
  z.strictObject({
    format: z.literal('laoshi.text-classifier'),
    version: z.literal(1),
    features,
    linear: linearJson,
    history: z.array(session),
  }),
  z.strictObject({
    format: z.literal('laoshi.classifier-head'),
    version: z.literal(1),
    inputSize: z.int().min(1),
    mean: z.array(z.number()),
    scale: z.array(z.number()),
    linear: linearJson,
    history: z.array(session),
  }),
]);

/** A model as JSON (what `modelToJson` writes and `modelFromJson` reads). */
export type ModelJson = z.infer<typeof modelJson>;
type LinearJson = z.infer<typeof linearJson>;

function linearToJson(model: LinearModel): LinearJson {
  const K = model.labels.length;
  const features: number[] = [];
  const weights: number[] = [];
  for (let f = 0; f < model.dimensions; f++) {
    const row = model.weights.subarray(f * K, f * K + K);
    if (row.every((w) => w === 0)) continue;
    features.push(f);
    weights.push(...row);
  }
  return { labels: [...model.labels], dimensions: model.dimensions, bias: Array.from(model.bias), features, weights };
}

function linearFromJson(json: LinearJson): LinearModel {
  const K = json.labels.length;
  const model = createLinearModel(json.labels, json.dimensions);
  if (json.bias.length !== K) throw new MlError(`model.linear.bias must have ${K} numbers, got ${json.bias.length}`);
  if (json.weights.length !== json.features.length * K) throw new MlError(`model.linear.weights must have ${json.features.length * K} numbers (${K} per feature)`);
  model.bias.set(json.bias);
  json.features.forEach((f, i) => {
    if (f >= json.dimensions || (i > 0 && f <= (json.features[i - 1] as number))) throw new MlError(`model.linear.features must be ascending indices below ${json.dimensions}`);
    model.weights.set(json.weights.slice(i * K, i * K + K), f * K);
  });
  return model;
}

function historyFromJson(history: z.infer<typeof session>[]): TrainingSession[] {
  return history.map((s) => ({ ...s, options: resolveTrainingOptions(s.options) }));
}

/** A trained model as plain JSON, for storage as a model version. */
export function modelToJson(model: TextClassifier | ClassifierHead): ModelJson {
  const history = model.history.map((s) => ({ ...s, options: { ...s.options }, final: s.final && { ...s.final } }));
  if (model.kind === 'text-classifier') {
    const { wordNgrams, charNgrams } = model.features;
    const copy = (r: [number, number] | null): [number, number] | null => r && [r[0], r[1]];
    const features = { ...model.features, wordNgrams: copy(wordNgrams), charNgrams: copy(charNgrams) };
    return { format: 'laoshi.text-classifier', version: 1, features, linear: linearToJson(model.linear), history };
  }
  return {
    format: 'laoshi.classifier-head', version: 1, inputSize: model.inputSize,
    mean: Array.from(model.mean), scale: Array.from(model.scale), linear: linearToJson(model.linear), history,
  };
}

/** Reads a model written by `modelToJson`; throws MlError naming the first bad field. */
export function modelFromJson(json: unknown): TextClassifier | ClassifierHead {
  const parsed = modelJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MlError(`model${issue?.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const m = parsed.data;
  const linear = linearFromJson(m.linear);
  const history = historyFromJson(m.history);
  if (m.format === 'laoshi.text-classifier') {
    const features = resolveTextFeatures(m.features);
    if (features.dimensions !== linear.dimensions) throw new MlError('model.features.dimensions must equal model.linear.dimensions');
    return { kind: 'text-classifier', features, linear, history };
  }
  if (m.inputSize !== linear.dimensions || m.mean.length !== m.inputSize || m.scale.length !== m.inputSize) {
    throw new MlError(`model.mean, model.scale and model.linear.dimensions must all have inputSize (${m.inputSize}) entries`);
  }
  return { kind: 'classifier-head', inputSize: m.inputSize, mean: Float64Array.from(m.mean), scale: Float64Array.from(m.scale), linear, history };
}
