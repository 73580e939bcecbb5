export { QualityError } from './quality-error.js';
export { characterErrorRate, editDistance } from './character-error-rate.js';
export { keypointScore, type KeypointScore, type KeypointScoreOptions } from './keypoint-similarity.js';
export { scoreAgainstGold, type ControlScore, type GoldMetric, type GoldScore, type GoldScoreOptions } from './gold-score.js';
export { sequenceEditDistance, transcriptWords, wordErrorRate } from './word-error-rate.js';
export { transcriptionAgreement, type TranscribedSegment, type TranscriptionAgreement } from './transcription-agreement.js';
