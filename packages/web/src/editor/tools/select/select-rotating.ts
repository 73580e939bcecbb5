import { updateRegions } from '../../document.js';
import { rectangleCentre, rotateRectangle } from '../../regions/rectangle.js';
import type { Point } from '../../types.js';
import type { PointerInfo, ToolContext, ToolState } from '../tool.js';
import { selectIdle } from './select-idle.js';

const angle = (centre: Point, p: Point) => (Math.atan2(p.y - centre.y, p.x - centre.x) * 180) / Math.PI;

/** Turning a rectangle about its centre by its rotate knob; Shift snaps to 15°. */
export function selectRotating(ctx: ToolContext, id: string, down: PointerInfo): ToolState {
  ctx.begin();
  const image = ctx.image();
  const region = ctx.startDoc().regions.get(id);
  const geometry = region?.geometry.kind === 'rectangle' ? region.geometry : undefined;
  const centre = geometry && image ? rectangleCentre(geometry, image) : undefined;
  const startAngle = centre ? angle(centre, down.world) : 0;
  return {
    id: 'select.rotating',
    onPointerMove(c, p) {
      if (!geometry || !centre || !image) return undefined;
      let rotation = geometry.rotation + angle(centre, p.world) - startAngle;
      if (p.shift) rotation = Math.round(rotation / 15) * 15;
      const turned = rotateRectangle(geometry, rotation, image);
      c.change(() => updateRegions(c.startDoc(), [id], (r) => ({ ...r, geometry: turned })));
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
