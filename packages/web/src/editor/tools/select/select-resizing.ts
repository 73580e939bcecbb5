import { updateRegions } from '../../document.js';
import { resizeRectangle } from '../../regions/rectangle.js';
import type { ToolContext, ToolState } from '../tool.js';
import { selectIdle } from './select-idle.js';

/** Dragging a resize handle of a rectangle (its own frame, so rotated ones resize along their sides). */
export function selectResizing(ctx: ToolContext, id: string, key: string): ToolState {
  ctx.begin();
  return {
    id: 'select.resizing',
    onPointerMove(c, p) {
      const image = c.image();
      const start = c.startDoc().regions.get(id);
      if (image === null || start?.geometry.kind !== 'rectangle') return undefined;
      const geometry = resizeRectangle(start.geometry, key, p.world, image);
      c.change(() => updateRegions(c.startDoc(), [id], (r) => ({ ...r, geometry })));
      return undefined;
    },
    onPointerUp(c) {
      c.commit();
      return selectIdle();
    },
    onKey(c, k) {
      if (k !== 'escape') return null;
      c.rollback();
      return selectIdle();
    },
    onCancel: (c) => c.rollback(),
  };
}
