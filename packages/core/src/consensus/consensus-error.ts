/** Thrown when labels or regions cannot give a consensus (bad options, a label outside the given label order). */
export class ConsensusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConsensusError';
  }
}
