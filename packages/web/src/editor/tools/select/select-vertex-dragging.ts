import { updateRegions } from '../../document.js';
import { moveVertex } from '../../regions/polygon.js';
import type { ToolContext, ToolState } from '../tool.js';
import { selectIdle } from './select-idle.js';

/** Dragging one vertex of a polygon or polyline. */
export function selectVertexDragging(ctx: ToolContext, id: string, index: number): ToolState {
  ctx.begin();
  return {
    id: 'select.vertex-dragging',
    onPointerMove(c, p) {
      const image = c.image();
      if (image === null) return undefined;
      c.change(() => updateRegions(c.startDoc(), [id], (r) => (r.geometry.kind === 'polygon' ? { ...r, geometry: moveVertex(r.geometry, index, p.world, image) } : r)));
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
