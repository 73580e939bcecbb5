export { CleaningError } from './cleaning-error.js';
export { PII_KINDS, PII_LABELS, type PiiKind, type PiiMatch } from './pii-kinds.js';
export { chinaIdCheckDigit, findChinaIds, isValidChinaId } from './china-id.js';
export { findLandlines, findMobileNumbers } from './phone-numbers.js';
export { findEmails } from './email-addresses.js';
export { findBankCards, isLuhnValid } from './bank-card.js';
export { findIpv4, findIpv6, isValidIpv4, parseIpv6 } from './ip-addresses.js';
export { detectPii, type DetectPiiOptions } from './detect-pii.js';
export { maskValue } from './mask-value.js';
export { redactPii, type PiiMask, type RedactPiiOptions, type RedactPiiResult } from './redact-pii.js';
export { fmix32, fnv1a64, murmurHash3, utf8Bytes } from './hashes.js';
export { contentHash64, contentKey, findExactDuplicates, type TextItem } from './content-key.js';
export { DEFAULT_SHINGLE_SIZE, jaccard, normalizeForShingles, shingleCounts, shingles } from './shingles.js';
export {
  DEFAULT_NUM_HASHES, jaccardEstimate, minHashOfShingles, minHashSignature, type MinHashOptions,
} from './minhash.js';
export {
  candidateProbability, findNearDuplicates, lshParameters,
  type NearDuplicateOptions, type NearDuplicatePair, type NearDuplicateResult,
} from './near-duplicates.js';
export { hammingDistance, simHash, type SimHashOptions } from './simhash.js';
export { DHASH_HEIGHT, DHASH_WIDTH, dHash, groupNearHashes, type HashItem, type NearHashPair } from './dhash.js';
