/** Thrown when a cost or score matrix cannot be matched (ragged rows, non-finite entries, a bad threshold). */
export class MatchingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MatchingError';
  }
}
