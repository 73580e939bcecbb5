import type { ToolState } from '../tool.js';
import { polygonDrawing } from './polygon-drawing.js';

/** Polygon (closed) or polyline (open) tool, waiting: the first click places the first vertex. */
export function polygonIdle(closed: boolean): ToolState {
  const tool = closed ? 'polygon' : 'polyline';
  return {
    id: `${tool}.idle`,
    onPointerDown(ctx, p) {
      if (p.button !== 0 || ctx.state().readOnly || ctx.image() === null) return undefined;
      return polygonDrawing(ctx, closed, [p.world]);
    },
  };
}
