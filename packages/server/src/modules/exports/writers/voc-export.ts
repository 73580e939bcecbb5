import { writeVoc } from '@laoshi/core';
import type { ExportSource } from '../export-options.js';
import { zipArchive, type ZipEntry } from './zip-writer.js';
import { dataKeyOf, imageSizeFromData, sizedTask, stemOf, taskError, uniqueNamer } from './writer-helpers.js';

/**
 * Pascal VOC as a zip: `Annotations/<image stem>.xml` per task (boxes; polygons as their bounds)
 * and with media `JPEGImages/<file>`. `<filename>` inside each XML is the archive's image name.
 */
export async function* writeVocExport(source: ExportSource): AsyncGenerator<Buffer, void, undefined> {
  const key = dataKeyOf(source.project.labelConfig, 'image', 'image');
  const nameOf = uniqueNamer();
  async function* entries(): AsyncGenerator<ZipEntry, void, undefined> {
    for await (const task of source.tasks()) {
      const media = await source.mediaInfo(task, key);
      const name = nameOf(task, media?.fileName ?? task.data[key]);
      const writable = await sizedTask(source, task, key);
      let xml: string;
      try {
        xml = writeVoc({ ...writable, data: { ...writable.data, [key]: name } }, { dataKey: key, folder: 'JPEGImages', imageSize: imageSizeFromData });
      } catch (err) {
        throw taskError(err, task.id);
      }
      yield { name: `Annotations/${stemOf(name)}.xml`, data: Buffer.from(xml) };
      if (source.options.withMedia && media) yield { name: `JPEGImages/${name}`, data: await media.read(), compress: false };
    }
  }
  yield* zipArchive(entries(), source.exportedAt);
}
