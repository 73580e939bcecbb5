/**
 * The part of CanvasRenderingContext2D the renderer uses. The renderer takes this instead of a
 * canvas so tests (jsdom has no canvas) can pass a recording fake and check what was drawn.
 */
export type Draw2D = Pick<
  CanvasRenderingContext2D,
  | 'save' | 'restore' | 'setTransform' | 'clearRect' | 'beginPath' | 'closePath' | 'rect' | 'moveTo' | 'lineTo' | 'arc'
  | 'stroke' | 'fill' | 'fillRect' | 'strokeRect' | 'fillText' | 'measureText' | 'drawImage' | 'setLineDash'
  | 'fillStyle' | 'strokeStyle' | 'lineWidth' | 'globalAlpha' | 'font' | 'filter' | 'textBaseline'
>;

/** The path-building subset region kinds trace their outlines into (screen coordinates). */
export type PathSink = Pick<Draw2D, 'moveTo' | 'lineTo' | 'closePath' | 'rect' | 'arc'>;
