import { rectFromCorners } from '../../geometry.js';
import type { PointerInfo, ToolContext, ToolState } from '../tool.js';
import { selectIdle } from './select-idle.js';

/** Dragging a selection rectangle on empty canvas: picks the regions wholly inside it. */
export function selectBrushing(ctx: ToolContext, down: PointerInfo, additive: boolean): ToolState {
  const before = ctx.state().selection;
  return {
    id: 'select.brushing',
    onPointerMove(c, p) {
      c.patch({ draft: { kind: 'marquee', from: down.world, to: p.world } });
      return undefined;
    },
    onPointerUp(c, p) {
      const inside = c.regionsInside(rectFromCorners(down.world, p.world));
      const moved = Math.abs(p.screen.x - down.screen.x) > 2 || Math.abs(p.screen.y - down.screen.y) > 2;
      const selection = moved ? new Set([...(additive ? before : []), ...inside]) : c.state().selection;
      c.patch({ draft: null, selection });
      return selectIdle();
    },
    onKey(c, k) {
      if (k !== 'escape') return null;
      c.patch({ draft: null });
      return selectIdle();
    },
    onCancel: (c) => c.patch({ draft: null }),
  };
}
