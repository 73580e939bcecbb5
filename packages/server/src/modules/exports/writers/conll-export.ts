import { writeConll } from '@laoshi/core';
import type { ExportSource } from '../export-options.js';
import { dataKeyOf, namingTask, tracked, writableTask } from './writer-helpers.js';

/** CoNLL/BIO: `token TAG` lines from each task's text spans, a `-DOCSTART-` line per task. */
export async function* writeConllExport(source: ExportSource): AsyncGenerator<string, void, undefined> {
  const { tasks, current } = tracked(source);
  async function* writable() {
    for await (const task of tasks) yield writableTask(task);
  }
  yield* namingTask(writeConll(writable(), { dataKey: dataKeyOf(source.project.labelConfig, 'text', 'text'), docstart: true }), current);
}
