export { GeometryError } from './geometry-error.js';
export type { Box, Point, Polygon, Shape, Span } from './shapes.js';
export {
  boxArea, boxCorners, boxIntersectionArea, boxIoU, checkBox, fromCentredBox, toCentredBox, type CentredBox,
} from './box.js';
export { checkPolygon, polygonArea, polygonBounds, polygonSignedArea } from './polygon.js';
export { isSimplePolygon, polygonIntersectionArea, polygonIoU } from './polygon-overlap.js';
export { checkSpan, spanIoU, spanLength, spanOverlap } from './span.js';
export { shapeArea, shapeIoU, shapeToPolygon } from './shape.js';
export {
  regionLabels, shapeFromResult, spanFromResult, type ImageSize, type ShapeFromResultOptions,
} from './result-shape.js';
