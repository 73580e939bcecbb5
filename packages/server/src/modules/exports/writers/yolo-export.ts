import { writeYoloClasses, writeYoloDataYaml, writeYoloLabels } from '@laoshi/core';
import type { ExportSource } from '../export-options.js';
import { zipArchive, type ZipEntry } from './zip-writer.js';
import { dataKeyOf, imageSizeFromData, shapeLabels, sizedTask, stemOf, taskError, uniqueNamer } from './writer-helpers.js';

/**
 * A YOLO dataset as Ultralytics reads it: `labels/<image stem>.txt` per task (normalised
 * `class cx cy w h`, polygons as `class x1 y1 …`), `classes.txt`, `data.yaml`, and with media
 * `images/<file>`. Class ids follow the label config.
 */
export async function* writeYoloExport(source: ExportSource): AsyncGenerator<Buffer, void, undefined> {
  const config = source.project.labelConfig;
  const labels = shapeLabels(config);
  const key = dataKeyOf(config, 'image', 'image');
  const nameOf = uniqueNamer();
  async function* entries(): AsyncGenerator<ZipEntry, void, undefined> {
    yield { name: 'classes.txt', data: Buffer.from(writeYoloClasses(labels)) };
    yield { name: 'data.yaml', data: Buffer.from(writeYoloDataYaml(labels, { path: '.', train: 'images', val: 'images' })) };
    for await (const task of source.tasks()) {
      const media = await source.mediaInfo(task, key);
      const name = nameOf(task, media?.fileName ?? task.data[key]);
      const writable = await sizedTask(source, task, key);
      let text: string;
      try {
        text = writeYoloLabels(writable, { labels, dataKey: key, imageSize: imageSizeFromData });
      } catch (err) {
        throw taskError(err, task.id);
      }
      yield { name: `labels/${stemOf(name)}.txt`, data: Buffer.from(text) };
      if (source.options.withMedia && media) yield { name: `images/${name}`, data: await media.read(), compress: false };
    }
  }
  yield* zipArchive(entries(), source.exportedAt);
}
