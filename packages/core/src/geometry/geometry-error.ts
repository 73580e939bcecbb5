/** Thrown when a shape cannot be measured (non-finite coordinates, a self-crossing polygon, a rotated box without an image size). */
export class GeometryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GeometryError';
  }
}
