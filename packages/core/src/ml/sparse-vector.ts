import { MlError } from './ml-error.js';

/**
 * A feature vector as its non-zero entries, indices ascending. Dense vectors use every index, so
 * one training loop serves hashed text features and image embeddings alike.
 */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** A dense array as a sparse vector over all its indices. Throws MlError on a non-finite entry. */
export function sparseFromDense(dense: ArrayLike<number>, field = 'features'): SparseVector {
  const values = new Float64Array(dense.length);
  const indices = new Int32Array(dense.length);
  for (let i = 0; i < dense.length; i++) {
    const value = dense[i] as number;
    if (!Number.isFinite(value)) throw new MlError(`${field}[${i}] must be a finite number, got ${value}`);
    values[i] = value;
    indices[i] = i;
  }
  return { indices, values };
}
