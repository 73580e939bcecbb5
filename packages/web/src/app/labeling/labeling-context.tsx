import { createContext, useContext } from 'react';
import type { ImageLoader } from '../../editor-ui/index.js';
import type { TaskDetail } from '../api/api-types.js';

/** What the labeling screens of an open project share (LabelingOutlet provides it). */
export interface LabelingShared {
  /**
   * Fetches and decodes images off the main thread and keeps the last few, so the image of a task
   * (and of the prefetched next one) is decoding while the task is still being set up.
   */
  images: ImageLoader;
  /**
   * The task a /tasks/:taskId URL names, fetched while the project loads rather than after it;
   * handed out once (a later load of the page asks the server again), null for another task.
   */
  takeOpeningTask(taskId: number): Promise<TaskDetail> | null;
}

export const LabelingContext = createContext<LabelingShared | null>(null);

/** The shared labeling helpers, or null outside a LabelingOutlet (e.g. the settings preview). */
export function useLabelingShared(): LabelingShared | null {
  return useContext(LabelingContext);
}
