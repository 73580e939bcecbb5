import { putRegions } from '../../document.js';
import { keypointAt } from '../../regions/keypoint.js';
import { newRegion, type ToolState } from '../tool.js';

/** Keypoint tool: every click places a point (with the active label) and selects it. */
export function keypointIdle(): ToolState {
  return {
    id: 'keypoint.idle',
    onPointerDown(ctx, p) {
      const image = ctx.image();
      const target = ctx.newRegionTarget('keypoint');
      if (p.button !== 0 || ctx.state().readOnly || image === null || target === undefined) return undefined;
      const region = newRegion({ id: ctx.newId(), ...target, geometry: keypointAt(p.world, image) });
      ctx.begin();
      ctx.change((doc) => putRegions(doc, [region]));
      ctx.commit();
      ctx.patch({ selection: new Set([region.id]) });
      return undefined;
    },
  };
}
