import type { ExportSource } from '../export-options.js';
import { iso, type ExportTask } from '../export-task.js';

const str = JSON.stringify;

/** Version of the Laoshi JSON layout; bumped when a reader would need to change. */
export const LAOSHI_JSON_VERSION = 1;

function laoshiTask(task: ExportTask): string {
  const annotations = task.annotations.map(
    (a) =>
      `{"id":${a.id},"completedBy":${a.completedBy ?? 'null'},"completedByEmail":${str(a.email)},"result":${a.resultJson},"version":${a.version},` +
      `"leadTime":${a.leadTime ?? 'null'},"source":${str(a.source)},"createdAt":"${iso(a.createdAt)}","updatedAt":"${iso(a.updatedAt)}"}`,
  );
  const predictions = task.predictions.map(
    (p) => `{"id":${p.id},"result":${p.resultJson},"score":${p.score ?? 'null'},"modelVersion":${str(p.modelVersion)},"createdAt":"${iso(p.createdAt)}"}`,
  );
  return (
    `{"id":${task.id},"data":${task.dataJson},"meta":${task.metaJson},"createdAt":"${iso(task.createdAt)}","updatedAt":"${iso(task.updatedAt)}",` +
    `"annotations":[${annotations.join(',')}],"predictions":[${predictions.join(',')}]}`
  );
}

/**
 * Laoshi's lossless export: the project's label config and every task with its data, meta,
 * submitted annotations (annotator, version, source, times) and predictions, as one JSON object.
 * `tasks` comes last so a streaming reader meets the header first.
 */
export async function* writeLaoshiJson(source: ExportSource): AsyncGenerator<string | string[], void, undefined> {
  const { project, options } = source;
  const header = {
    format: 'laoshi',
    version: LAOSHI_JSON_VERSION,
    exportedAt: iso(source.exportedAt),
    project: { id: project.id, title: project.title, labelConfig: project.labelConfig },
    options: { onlyAccepted: options.onlyAccepted, latestPerTask: options.latestPerTask, maskPii: options.maskPii, filter: options.filter },
  };
  yield `${str(header).slice(0, -1)},"tasks":[`;
  let first = true;
  for await (const batch of source.batches()) {
    yield Array.from(batch, (task) => {
      const line = (first ? '\n' : ',\n') + laoshiTask(task);
      first = false;
      return line;
    });
  }
  yield '\n]}\n';
}
