import { detectPii, maskValue, PII_KINDS, redactPii, type LabelConfig, type PiiKind } from '@laoshi/core';
import type { AppContext } from '../../context.js';
import type { ProjectRow } from '../../db/schema.js';
import type { JobHandle } from '../../jobs/job-runner.js';
import { mediaKeysOf, visitText } from './task-content.js';
import { countTasks, taskBatches } from './task-batches.js';

export interface PiiScanOptions {
  /** Kinds to look for; all when absent. */
  kinds?: PiiKind[] | undefined;
  /** Examples kept in the answer. */
  examples: number;
}

/** One finding, with nothing personal left in it: the value partially masked, its context fully. */
export interface PiiExample {
  taskId: number;
  /** Where in the task data: `text`, `dialog[2].content`. */
  field: string;
  kind: PiiKind;
  masked: string;
  snippet: string;
}

export interface PiiScanResult {
  tasks: number;
  tasksWithPii: number;
  /** Matches per kind. */
  counts: Record<PiiKind, number>;
  examples: PiiExample[];
}

const CONTEXT = 24;

/**
 * A finding's surroundings with every piece of personal data in them starred (all kinds, not
 * only the scanned ones) and the finding itself partially masked, whitespace folded.
 */
function snippetOf(text: string, start: number, end: number, masked: string): string {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(text.length, end + CONTEXT);
  // 'char' keeps the length, so offsets in the starred text are the original ones.
  const starred = redactPii(text.slice(from, to), { mask: 'char' }).text;
  const inner = `${starred.slice(0, start - from)}${masked}${starred.slice(end - from)}`;
  return `${from > 0 ? '…' : ''}${inner.replace(/\s+/g, ' ')}${to < text.length ? '…' : ''}`;
}

/**
 * The work of a PII scan: streams the tasks (keyset batches) and runs core's detectPii on every
 * string of the task data except media references; counts matches per kind and keeps the first
 * `examples` findings, masked. Nothing is changed.
 */
export async function scanPii(ctx: AppContext, job: JobHandle, project: ProjectRow, options: PiiScanOptions): Promise<PiiScanResult> {
  const mediaKeys = mediaKeysOf(JSON.parse(project.label_config) as LabelConfig);
  const total = await countTasks(ctx, project.id);
  const counts = Object.fromEntries(PII_KINDS.map((k) => [k, 0])) as Record<PiiKind, number>;
  const examples: PiiExample[] = [];
  let tasks = 0;
  let tasksWithPii = 0;
  job.progress(0, total, 'scanning');
  for await (const batch of taskBatches(ctx, project.id, { signal: job.signal, what: 'the PII scan' })) {
    for (const task of batch) {
      let found = false;
      visitText(task.data, mediaKeys, (text, field) => {
        for (const match of detectPii(text, { kinds: options.kinds })) {
          found = true;
          counts[match.kind] += 1;
          if (examples.length < options.examples) {
            const masked = maskValue(match.kind, match.value);
            examples.push({ taskId: task.id, field, kind: match.kind, masked, snippet: snippetOf(text, match.start, match.end, masked) });
          }
        }
      });
      tasks += 1;
      if (found) tasksWithPii += 1;
    }
    job.progress(tasks, total, `${tasks} tasks scanned, ${tasksWithPii} with personal data`);
  }
  return { tasks, tasksWithPii, counts, examples };
}
