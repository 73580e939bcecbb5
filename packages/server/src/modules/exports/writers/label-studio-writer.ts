import type { ExportSource } from '../export-options.js';
import { iso, type ExportTask } from '../export-task.js';

// Label Studio's JSON export shape, built as text around the JSON columns as stored: a million
// tasks cost string concatenation, not a JSON.parse and JSON.stringify of every result.

const str = JSON.stringify;

/**
 * One task as Label Studio exports it. `completed_by` is `{id, email}` (the older Label Studio
 * shape) so that an import, here or in Label Studio, can map the annotation back to its annotator.
 */
export function labelStudioTask(task: ExportTask, projectId: number): string {
  const annotations = task.annotations.map((a) => {
    const by = a.completedBy === null ? 'null' : `{"id":${a.completedBy},"email":${str(a.email)}}`;
    return `{"id":${a.id},"completed_by":${by},"result":${a.resultJson},"was_cancelled":false,"ground_truth":false,"created_at":"${iso(a.createdAt)}","updated_at":"${iso(a.updatedAt)}","lead_time":${a.leadTime ?? 'null'},"task":${task.id},"project":${projectId}}`;
  });
  const predictions = task.predictions.map(
    (p) => `{"id":${p.id},"model_version":${str(p.modelVersion)},"score":${p.score ?? 'null'},"result":${p.resultJson},"task":${task.id},"project":${projectId},"created_at":"${iso(p.createdAt)}"}`,
  );
  return (
    `{"id":${task.id},"data":${task.dataJson},"meta":${task.metaJson},"annotations":[${annotations.join(',')}],"predictions":[${predictions.join(',')}],` +
    `"total_annotations":${task.annotations.length},"cancelled_annotations":0,"total_predictions":${task.predictions.length},` +
    `"project":${projectId},"created_at":"${iso(task.createdAt)}","updated_at":"${iso(task.updatedAt)}"}`
  );
}

/** A JSON array of tasks, as Label Studio's "JSON" export writes it. */
export async function* writeLabelStudioJson(source: ExportSource): AsyncGenerator<string | string[], void, undefined> {
  let first = true;
  yield '[';
  for await (const batch of source.batches()) {
    yield Array.from(batch, (task) => {
      const line = (first ? '\n' : ',\n') + labelStudioTask(task, source.project.id);
      first = false;
      return line;
    });
  }
  yield '\n]\n';
}

/** JSON Lines: one Label Studio task per line. */
export async function* writeJsonl(source: ExportSource): AsyncGenerator<string[], void, undefined> {
  for await (const batch of source.batches()) yield Array.from(batch, (task) => `${labelStudioTask(task, source.project.id)}\n`);
}
