/** A point as `[x, y]`, y pointing down as on screen. */
export type Point = readonly [number, number];

/** A polygon as its vertices in order, either orientation; the closing edge is implied. */
export type Polygon = readonly Point[];

/**
 * A box as Label Studio stores a rectangle: `(x, y)` is the corner that the box rotates about
 * (the top-left one before rotation) and `rotation` is in degrees, clockwise on screen.
 * WARNING: a rotation is only a rotation where x and y share one scale (pixels); convert
 * percent coordinates of rotated boxes with the image size first (see `shapeFromResult`).
 */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  rotation?: number | undefined;
}

/** A half-open interval `[start, end)`: character offsets of a text span, or seconds of audio. */
export interface Span {
  start: number;
  end: number;
}

/** A region's area: a box or a polygon, so boxes and polygons can be compared with one another. */
export type Shape = { kind: 'box'; box: Box } | { kind: 'polygon'; points: Polygon };
