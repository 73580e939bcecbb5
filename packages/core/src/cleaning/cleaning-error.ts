/** Thrown when a cleaning function gets options it cannot use (unknown PII kind, bad shingle size, duplicate ids). */
export class CleaningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CleaningError';
  }
}
