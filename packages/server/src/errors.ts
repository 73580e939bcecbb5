/** Stable error codes of the API; clients may rely on them. */
export type ErrorCode =
  | 'LAOSHI_VALIDATION'
  | 'LAOSHI_UNAUTHENTICATED'
  | 'LAOSHI_BAD_CREDENTIALS'
  | 'LAOSHI_CSRF'
  | 'LAOSHI_FORBIDDEN'
  | 'LAOSHI_SIGNUP_CLOSED'
  | 'LAOSHI_ROUTE_NOT_FOUND'
  | 'LAOSHI_ORGANIZATION_NOT_FOUND'
  | 'LAOSHI_USER_NOT_FOUND'
  | 'LAOSHI_TOKEN_NOT_FOUND'
  | 'LAOSHI_PROJECT_NOT_FOUND'
  | 'LAOSHI_TASK_NOT_FOUND'
  | 'LAOSHI_ANNOTATION_NOT_FOUND'
  | 'LAOSHI_MEMBER_NOT_FOUND'
  | 'LAOSHI_EMAIL_TAKEN'
  | 'LAOSHI_ANNOTATION_EXISTS'
  | 'LAOSHI_VERSION_CONFLICT'
  | 'LAOSHI_IDEMPOTENCY_KEY_REUSED'
  | 'LAOSHI_INVALID_LABEL_CONFIG'
  | 'LAOSHI_INVALID_RESULT'
  | 'LAOSHI_RATE_LIMITED'
  | 'LAOSHI_PAYLOAD_TOO_LARGE'
  | 'LAOSHI_UNSUPPORTED_MEDIA_TYPE'
  | 'LAOSHI_JOB_NOT_FOUND'
  | 'LAOSHI_JOB_FINISHED'
  | 'LAOSHI_BLOB_NOT_FOUND'
  | 'LAOSHI_MEDIA_NOT_FOUND'
  | 'LAOSHI_RANGE_NOT_SATISFIABLE'
  | 'LAOSHI_OUTBOUND_REFUSED'
  | 'LAOSHI_FETCH_FAILED'
  | 'LAOSHI_BAD_FILE'
  | 'LAOSHI_DATASET_VERSION_NOT_FOUND'
  | 'LAOSHI_DATASET_VERSION_NOT_READY'
  | 'LAOSHI_EXPORT_TOO_LARGE'
  | 'LAOSHI_INVALID_TRANSITION'
  | 'LAOSHI_REVIEW_LOCKED'
  | 'LAOSHI_GOLD_NOT_FOUND'
  | 'LAOSHI_GOLD_EXISTS'
  | 'LAOSHI_MODEL_BACKEND_NOT_FOUND'
  | 'LAOSHI_MODEL_BACKEND_FAILED'
  | 'LAOSHI_MODEL_BACKEND_TIMEOUT'
  | 'LAOSHI_MODEL_VERSION_NOT_FOUND'
  | 'LAOSHI_MODEL_FILE_NOT_FOUND'
  | 'LAOSHI_MODEL_NOT_READY'
  | 'LAOSHI_TRAINING_DATA_INSUFFICIENT'
  | 'LAOSHI_WEBHOOK_NOT_FOUND'
  | 'LAOSHI_DUPLICATE_GROUP_NOT_FOUND'
  | 'LAOSHI_SOURCE_STORAGE_NOT_FOUND'
  | 'LAOSHI_SOURCE_STORAGE_FAILED'
  | 'LAOSHI_EVALUATION_NOT_FOUND'
  | 'LAOSHI_EVALUATION_NOT_READY'
  | 'LAOSHI_INTERNAL';

/** An expected failure with an HTTP status, a stable code and a message safe to show. */
export class LaoshiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Extra machine-readable facts placed beside code and message (e.g. currentVersion). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'LaoshiError';
  }
}

export const notFound = (code: ErrorCode, what: string): LaoshiError => new LaoshiError(404, code, `${what} not found`);

export const badRequest = (message: string, field?: string): LaoshiError =>
  new LaoshiError(400, 'LAOSHI_VALIDATION', message, field);

export const forbidden = (message = 'you may not do this'): LaoshiError => new LaoshiError(403, 'LAOSHI_FORBIDDEN', message);

/** The JSON body every error response has. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string } & Record<string, unknown>;
}

export function errorBody(err: LaoshiError): ErrorBody {
  return { error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}), ...err.extra } };
}
