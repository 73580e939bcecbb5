import { updateRegions } from '../../document.js';
import { imageKindOf } from '../../regions/index.js';
import type { PointerInfo, ToolContext, ToolState } from '../tool.js';
import { selectIdle } from './select-idle.js';

/** Moving the selected regions; locked ones stay put. The whole drag is one undo step. */
export function selectDragging(ctx: ToolContext, down: PointerInfo): ToolState {
  ctx.begin();
  const ids = [...ctx.state().selection].filter((id) => !ctx.state().doc.regions.get(id)?.locked);
  return {
    id: 'select.dragging',
    onPointerMove(c, p) {
      const image = c.image();
      if (image === null) return undefined;
      const [dx, dy] = [p.world.x - down.world.x, p.world.y - down.world.y];
      // Always move from where the regions started, so rounding never accumulates.
      const start = c.startDoc();
      c.change(() => updateRegions(start, ids, (r) => {
        const kind = imageKindOf(r.geometry);
        return kind ? { ...r, geometry: kind.translate(r.geometry, dx, dy, image) } : r;
      }));
      return undefined;
    },
    onPointerUp(c) {
      c.commit();
      return selectIdle();
    },
    onKey(c, key) {
      if (key !== 'escape') return null;
      c.rollback();
      return selectIdle();
    },
    onCancel: (c) => c.rollback(),
  };
}
