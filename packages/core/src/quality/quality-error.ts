/** Thrown when a gold score cannot be computed from the options given (a bad threshold or sigma). */
export class QualityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QualityError';
  }
}
