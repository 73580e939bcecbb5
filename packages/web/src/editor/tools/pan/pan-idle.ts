import type { ToolState } from '../tool.js';
import { panDragging } from './pan-dragging.js';

/** Hand tool: dragging anywhere moves the view. */
export function panIdle(): ToolState {
  return {
    id: 'pan.idle',
    onPointerDown: (_ctx, p) => panDragging(p, panIdle),
  };
}
