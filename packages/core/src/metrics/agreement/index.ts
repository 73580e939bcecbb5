export { AgreementError } from './agreement-error.js';
export type { AgreementCell, AgreementLabel, AgreementResult, RatingsMatrix } from './ratings.js';
export { sortedLabels } from './ratings.js';
export { percentAgreement } from './percent-agreement.js';
export { cohenKappa, type CohenKappaOptions, type CohenKappaResult, type KappaWeights } from './cohen-kappa.js';
export { fleissKappa } from './fleiss-kappa.js';
export {
  KRIPPENDORFF_LEVELS,
  krippendorffAlpha,
  type KrippendorffAlphaOptions,
  type KrippendorffAlphaResult,
  type KrippendorffLevel,
} from './krippendorff-alpha.js';
