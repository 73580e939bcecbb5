import { putRegions } from '../../document.js';
import { distance } from '../../geometry.js';
import { polygonFromVertices } from '../../regions/polygon.js';
import type { Point } from '../../types.js';
import { newRegion, type ToolContext, type ToolState } from '../tool.js';
import { polygonIdle } from './polygon-idle.js';

/** Screen pixels within which a click on the first vertex closes the polygon. */
const CLOSE_DISTANCE = 8;

/**
 * Placing vertices: each click adds one; clicking the first vertex closes a polygon; double-click
 * or Enter finishes; Backspace takes back the last vertex; Escape abandons the shape.
 */
export function polygonDrawing(ctx: ToolContext, closed: boolean, points: readonly Point[], cursor: Point | null = null): ToolState {
  const tool = closed ? 'polygon' : 'polyline';
  ctx.patch({ draft: { kind: 'polygon', points, cursor, closed } });
  const minimum = closed ? 3 : 2;

  const finish = (c: ToolContext, vertices: readonly Point[]): ToolState => {
    c.patch({ draft: null });
    const image = c.image();
    const target = c.newRegionTarget('polygon');
    if (image === null || target === undefined || vertices.length < minimum) return polygonIdle(closed);
    const region = newRegion({ id: c.newId(), ...target, geometry: polygonFromVertices(vertices, closed, image) });
    c.begin();
    c.change((doc) => putRegions(doc, [region]));
    c.commit();
    c.patch({ selection: new Set([region.id]) });
    return polygonIdle(closed);
  };

  return {
    id: `${tool}.drawing`,
    onPointerMove(c, p) {
      c.patch({ draft: { kind: 'polygon', points, cursor: p.world, closed } });
      return undefined;
    },
    onPointerDown(c, p) {
      if (p.button !== 0) return undefined;
      const scale = c.state().viewport.scale;
      const first = points[0] as Point;
      if (closed && points.length >= minimum && distance(first, p.world) * scale <= CLOSE_DISTANCE) return finish(c, points);
      const last = points[points.length - 1] as Point;
      // The second press of a double-click lands on the vertex just placed: not a new one.
      if (distance(last, p.world) * scale < 2) return undefined;
      return polygonDrawing(c, closed, [...points, p.world], p.world);
    },
    onDoubleClick: (c) => finish(c, points),
    onKey(c, key) {
      if (key === 'escape') {
        c.patch({ draft: null });
        return polygonIdle(closed);
      }
      if (key === 'enter') return finish(c, points);
      if (key === 'backspace' || key === 'delete') {
        if (points.length <= 1) {
          c.patch({ draft: null });
          return polygonIdle(closed);
        }
        return polygonDrawing(c, closed, points.slice(0, -1), cursor);
      }
      return null;
    },
    onCancel: (c) => c.patch({ draft: null }),
  };
}
