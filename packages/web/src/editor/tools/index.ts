import type { ToolId } from '../types.js';
import { keypointIdle } from './keypoint/keypoint-idle.js';
import { panIdle } from './pan/pan-idle.js';
import { polygonIdle } from './polygon/polygon-idle.js';
import { rectangleIdle } from './rectangle/rectangle-idle.js';
import { selectIdle } from './select/select-idle.js';
import type { ToolState } from './tool.js';

/** The state a tool starts in. */
export function idleState(tool: ToolId): ToolState {
  switch (tool) {
    case 'select':
      return selectIdle();
    case 'pan':
      return panIdle();
    case 'rectangle':
      return rectangleIdle();
    case 'polygon':
      return polygonIdle(true);
    case 'polyline':
      return polygonIdle(false);
    case 'keypoint':
      return keypointIdle();
  }
}

export type { PointerInfo, ToolContext, ToolState } from './tool.js';
