/** Thrown when a ratings matrix cannot give an agreement value (too few raters, no pairable items, bad labels). */
export class AgreementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgreementError';
  }
}
