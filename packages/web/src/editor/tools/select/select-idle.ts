import { updateRegions } from '../../document.js';
import { edgeNear, insertVertex, removeVertex } from '../../regions/polygon.js';
import type { ToolState } from '../tool.js';
import { selectBrushing } from './select-brushing.js';
import { selectPointing } from './select-pointing.js';
import { selectResizing } from './select-resizing.js';
import { selectRotating } from './select-rotating.js';
import { selectVertexDragging } from './select-vertex-dragging.js';

/** Select tool, nothing pressed: hovering shows what a click would pick. */
export function selectIdle(): ToolState {
  return {
    id: 'select.idle',
    onPointerMove(ctx, p) {
      const hover = ctx.hitRegion(p.world)?.id ?? null;
      if (hover !== ctx.state().hover) ctx.patch({ hover });
      return undefined;
    },
    onPointerDown(ctx, p) {
      if (p.button !== 0) return undefined;
      const handle = ctx.state().readOnly ? undefined : ctx.hitHandle(p.screen);
      if (handle) {
        const { region } = handle;
        if (handle.handle.kind === 'rotate') return selectRotating(ctx, region.id, p);
        if (handle.handle.kind === 'resize') return selectResizing(ctx, region.id, handle.handle.key);
        const index = Number(handle.handle.key);
        if (p.alt) {
          // Alt-click deletes a vertex: one undoable step.
          ctx.begin();
          ctx.change((doc) => updateRegions(doc, [region.id], (r) => (r.geometry.kind === 'polygon' ? { ...r, geometry: removeVertex(r.geometry, index) } : r)));
          ctx.commit();
          return undefined;
        }
        return selectVertexDragging(ctx, region.id, index);
      }
      const hit = ctx.hitRegion(p.world);
      const selection = ctx.state().selection;
      if (hit === undefined) {
        if (!p.shift && selection.size > 0) ctx.patch({ selection: new Set() });
        return selectBrushing(ctx, p, p.shift);
      }
      if (p.shift || p.mod) {
        const next = new Set(selection);
        if (next.has(hit.id)) next.delete(hit.id);
        else next.add(hit.id);
        ctx.patch({ selection: next });
        return undefined;
      }
      if (!selection.has(hit.id)) ctx.patch({ selection: new Set([hit.id]) });
      return selectPointing(p);
    },
    onDoubleClick(ctx, p) {
      // Double-clicking the edge of a selected polygon adds a vertex there.
      if (ctx.state().readOnly) return undefined;
      const image = ctx.image();
      if (image === null) return undefined;
      for (const id of ctx.state().selection) {
        const region = ctx.state().doc.regions.get(id);
        if (region?.geometry.kind !== 'polygon' || region.locked) continue;
        const index = edgeNear(region.geometry, p.world, image, ctx.tolerance());
        if (index < 0) continue;
        ctx.begin();
        ctx.change((doc) => updateRegions(doc, [id], (r) => (r.geometry.kind === 'polygon' ? { ...r, geometry: insertVertex(r.geometry, index, p.world, image) } : r)));
        ctx.commit();
        return undefined;
      }
      return undefined;
    },
  };
}
