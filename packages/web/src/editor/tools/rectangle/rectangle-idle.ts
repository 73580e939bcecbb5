import type { ToolState } from '../tool.js';
import { rectangleDragging } from './rectangle-dragging.js';

/** Rectangle tool, waiting: pressing starts a rectangle at the pointer. */
export function rectangleIdle(): ToolState {
  return {
    id: 'rectangle.idle',
    onPointerDown(ctx, p) {
      if (p.button !== 0 || ctx.state().readOnly || ctx.image() === null) return undefined;
      return rectangleDragging(p);
    },
  };
}
