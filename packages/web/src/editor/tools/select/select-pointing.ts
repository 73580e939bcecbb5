import { movedBeyond, type PointerInfo, type ToolState } from '../tool.js';
import { selectDragging } from './select-dragging.js';
import { selectIdle } from './select-idle.js';

/** Pressed on a region: a click so far; moving far enough starts moving the selection. */
export function selectPointing(down: PointerInfo): ToolState {
  return {
    id: 'select.pointing',
    onPointerMove(ctx, p) {
      if (!movedBeyond(down.screen, p.screen)) return undefined;
      if (ctx.state().readOnly) return selectIdle();
      const dragging = selectDragging(ctx, down);
      return dragging.onPointerMove?.(ctx, p) ?? dragging;
    },
    onPointerUp: () => selectIdle(),
  };
}
