import { CocoBuilder, type WritableTask } from '@laoshi/core';
import type { ExportSource } from '../export-options.js';
import type { ExportTask, JsonRecord } from '../export-task.js';
import { TextSpool } from './text-spool.js';
import { dataKeyOf, imageSizeFromData, shapeLabels, sizedTask, taskError, writableTask } from './writer-helpers.js';

/** Pixel values keep 6 decimals (core's default is 2): boxes survive a round trip within 1e-6 px. */
const COCO_DECIMALS = 6;

const isShape = (r: JsonRecord) => r.type === 'rectanglelabels' || r.type === 'polygonlabels';

/**
 * The task as core's COCO builder takes it. The image size comes from the first box or polygon
 * that has one, so the project media is looked up (a query) only when no region gives a size and
 * neither does the task's meta or data.
 */
function cocoTask(source: ExportSource, task: ExportTask, key: string): WritableTask | Promise<WritableTask> {
  const result = task.annotations[0]?.result ?? [];
  const sized = result.some((r) => isShape(r) && typeof r.original_width === 'number' && typeof r.original_height === 'number');
  return sized ? writableTask(task) : sizedTask(source, task, key);
}

/**
 * COCO instances via core's builder: boxes as `bbox`, polygons as `segmentation`, categories in
 * label-config order (ids stable from one export to the next). COCO lists images before
 * annotations; the tasks are read once, each image entry written as it comes and the annotation
 * entries spooled (to a temporary file when large) and copied after the images. Image sizes come
 * from the regions, then task meta, then task data, then the project media the task points at.
 */
export async function* writeCocoExport(source: ExportSource): AsyncGenerator<string | Buffer | string[], void, undefined> {
  const config = source.project.labelConfig;
  const key = dataKeyOf(config, 'image', 'image');
  // Stored results passed the result schema when they were saved (checkResult), so they are not checked again.
  const coco = new CocoBuilder({ labels: shapeLabels(config), dataKey: key, imageSize: imageSizeFromData, decimals: COCO_DECIMALS, trustedResults: true });
  const spool = new TextSpool();
  let images = 0;
  try {
    yield '{"images":[';
    for await (const batch of source.batches()) {
      const imageTexts: string[] = [];
      const annotationTexts: string[] = [];
      for (const task of batch) {
        const made = cocoTask(source, task, key);
        const writable = made instanceof Promise ? await made : made;
        const before = coco.annotationCount;
        let entries: { image: string; annotations: string };
        try {
          entries = coco.add(writable);
        } catch (err) {
          throw taskError(err, task.id);
        }
        imageTexts.push(images++ > 0 ? `,${entries.image}` : entries.image);
        if (entries.annotations !== '') annotationTexts.push(before > 0 ? `,${entries.annotations}` : entries.annotations);
      }
      yield imageTexts;
      await spool.write(annotationTexts);
    }
    yield '],"annotations":[';
    yield* spool.read();
    yield `],"categories":${coco.categoriesJson()}}\n`;
  } finally {
    await spool.dispose();
  }
}
