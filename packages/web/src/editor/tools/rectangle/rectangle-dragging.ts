import { putRegions } from '../../document.js';
import { rectangleFromCorners } from '../../regions/rectangle.js';
import { movedBeyond, newRegion, type PointerInfo, type ToolState } from '../tool.js';
import { rectangleIdle } from './rectangle-idle.js';

/** Dragging out a rectangle; releasing adds it (with the active label) and selects it. */
export function rectangleDragging(down: PointerInfo): ToolState {
  return {
    id: 'rectangle.dragging',
    onPointerMove(ctx, p) {
      ctx.patch({ draft: { kind: 'rectangle', from: down.world, to: p.world } });
      return undefined;
    },
    onPointerUp(ctx, p) {
      ctx.patch({ draft: null });
      const image = ctx.image();
      const target = ctx.newRegionTarget('rectangle');
      // A click without a drag draws nothing.
      if (image === null || target === undefined || !movedBeyond(down.screen, p.screen)) return rectangleIdle();
      const geometry = rectangleFromCorners(down.world, p.world, image);
      if (geometry.width <= 0 || geometry.height <= 0) return rectangleIdle();
      const region = newRegion({ id: ctx.newId(), ...target, geometry });
      ctx.begin();
      ctx.change((doc) => putRegions(doc, [region]));
      ctx.commit();
      ctx.patch({ selection: new Set([region.id]) });
      return rectangleIdle();
    },
    onKey(ctx, key) {
      if (key !== 'escape') return null;
      ctx.patch({ draft: null });
      return rectangleIdle();
    },
    onCancel: (ctx) => ctx.patch({ draft: null }),
  };
}
