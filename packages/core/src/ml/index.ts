export { MlError } from './ml-error.js';
export { checkSeed, createRandom, shuffleInPlace, shuffled, type Random } from './random.js';
export { sparseFromDense, type SparseVector } from './sparse-vector.js';
export {
  DEFAULT_TEXT_FEATURES, resolveTextFeatures, textFeatures, textRuns, textTokens, type TextFeatureOptions,
} from './text-features.js';
export { DEFAULT_TRAINING, resolveTrainingOptions, type TrainingOptions } from './training-options.js';
export { argMax, createLinearModel, extendLinearModel, linearProbabilities, type LinearModel } from './linear-model.js';
export { lossAndAccuracy, type LearningCurvePoint } from './sgd-epochs.js';
export {
  linearTraining, runToEnd, splitForValidation, type LabelOrderOption, type LabeledVector, type LinearTrainingResult, type TrainedModel, type TrainingSession,
} from './linear-training.js';
export { predictVector, type ClassPrediction } from './class-prediction.js';
export {
  continueTextClassifier, predictText, textClassifierContinuation, textClassifierTraining, textVector, trainTextClassifier,
  type TextClassifier, type TextExample, type TextTrainingOptions,
} from './text-classifier.js';
export {
  classifierHeadContinuation, classifierHeadTraining, continueClassifierHead, predictFeatures, trainClassifierHead,
  type ClassifierHead, type HeadTrainingOptions, type VectorExample,
} from './classifier-head.js';
export { modelFromJson, modelToJson, type ModelJson } from './model-json.js';
export {
  SAMPLING_STRATEGIES, entropy, leastConfidence, marginUncertainty, rankByUncertainty, uncertaintyScore,
  type RankOptions, type RankedCandidate, type SamplingCandidate, type SamplingStrategy,
} from './uncertainty.js';
export * from './evaluation/index.js';
