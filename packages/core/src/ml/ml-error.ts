/** Thrown on bad training data, hyperparameters, model files or metric inputs; the message names the field. */
export class MlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MlError';
  }
}
