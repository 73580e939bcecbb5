import type { RegionGeometry } from '../types.js';
import { keypointKind } from './keypoint.js';
import { polygonKind } from './polygon.js';
import { rectangleKind } from './rectangle.js';
import type { ImageRegionKind } from './region-kind.js';

/** The kind util for an image region's geometry, or undefined for text spans. */
export function imageKindOf<G extends RegionGeometry>(g: G): ImageRegionKind<G> | undefined {
  switch (g.kind) {
    case 'rectangle':
      return rectangleKind as unknown as ImageRegionKind<G>;
    case 'polygon':
      return polygonKind as unknown as ImageRegionKind<G>;
    case 'keypoint':
      return keypointKind as unknown as ImageRegionKind<G>;
    default:
      return undefined;
  }
}

export type { Handle, ImageRegionKind } from './region-kind.js';
