import { panBy } from '../../viewport.js';
import type { PointerInfo, ToolState } from '../tool.js';

/**
 * Moving the view with the pointer. Also used with Space held or the middle button in any tool,
 * so it returns to `back()` (that tool's idle state) on release.
 */
export function panDragging(down: PointerInfo, back: () => ToolState): ToolState {
  let last = down.screen;
  return {
    id: 'pan.dragging',
    onPointerMove(ctx, p) {
      ctx.patch({ viewport: panBy(ctx.state().viewport, p.screen.x - last.x, p.screen.y - last.y) });
      last = p.screen;
      return undefined;
    },
    onPointerUp: () => back(),
  };
}
