import { writeCoco, type WritableTask } from '@laoshi/core';
import type { ExportSource } from '../export-options.js';
import type { JsonRecord } from '../export-task.js';
import { TaskSpool } from './task-spool.js';
import { dataKeyOf, imageSizeFromData, namingTask, shapeLabels, sizedTask } from './writer-helpers.js';

/** Pixel values keep 6 decimals (core's default is 2): boxes survive a round trip within 1e-6 px. */
const COCO_DECIMALS = 6;

/**
 * The task for core's first COCO pass, which writes only the image entry: no regions (so they
 * are not checked twice), the image size core would take from the first box or polygon moved
 * into `meta`, where core looks next.
 */
function imageOnly(task: WritableTask): WritableTask {
  const result = (task.annotations?.[0]?.result ?? []) as JsonRecord[];
  const sized = result.find(
    (r) => (r.type === 'rectanglelabels' || r.type === 'polygonlabels') && typeof r.original_width === 'number' && typeof r.original_height === 'number',
  );
  const meta = sized ? { ...task.meta, original_width: sized.original_width, original_height: sized.original_height } : task.meta;
  return { data: task.data, meta };
}

/**
 * COCO instances via core's writer: boxes as `bbox`, polygons as `segmentation`, categories in
 * label-config order (ids stable from one export to the next). COCO lists images before
 * annotations, so core goes over the tasks twice; the database is read once (the counted pass)
 * and the second pass replays a temporary spool of the tasks. Image sizes come from the regions,
 * then task meta, then task data, then the project media the task points at.
 */
export async function* writeCocoExport(source: ExportSource): AsyncGenerator<string, void, undefined> {
  const config = source.project.labelConfig;
  const key = dataKeyOf(config, 'image', 'image');
  const spool = await TaskSpool.create<{ id: number; task: WritableTask }>();
  let pass = 0;
  let current: number | undefined;
  async function* tasks(): AsyncGenerator<WritableTask, void, undefined> {
    if (pass++ === 0) {
      for await (const task of source.tasks()) {
        current = task.id;
        const writable = await sizedTask(source, task, key);
        // Built from the JSON text as read (or as masked): no stringify of what is already text.
        const meta = writable.meta === task.meta ? task.metaJson : JSON.stringify(writable.meta);
        const result = task.annotations[0]?.resultJson;
        await spool.writeJson(`{"id":${task.id},"task":{"data":${task.dataJson},"meta":${meta},"annotations":[${result === undefined ? '' : `{"result":${result}}`}]}}`);
        yield imageOnly(writable);
      }
      return;
    }
    for await (const line of spool.read()) {
      current = line.id;
      yield line.task;
    }
  }
  try {
    yield* namingTask(writeCoco(tasks, { labels: shapeLabels(config), dataKey: key, imageSize: imageSizeFromData, decimals: COCO_DECIMALS }), () => current);
  } finally {
    await spool.dispose();
  }
}
