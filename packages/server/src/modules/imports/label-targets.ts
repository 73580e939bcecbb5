import type { LabelConfig } from '@laoshi/core';
import type { IncomingTask } from './task-sink.js';

/** The task data keys the project's objects read (`$image` → `image`), with the usual defaults. */
export function dataKeys(config: LabelConfig): { imageKey: string; textKey: string; videoKey: string; audioKey: string } {
  const keyOf = (type: string, fallback: string) => config.objects.find((o) => o.type === type)?.value.slice(1) ?? fallback;
  return { imageKey: keyOf('image', 'image'), textKey: keyOf('text', keyOf('hypertext', 'text')), videoKey: keyOf('video', 'video'), audioKey: keyOf('audio', 'audio') };
}

/**
 * Regions made by the format readers carry default names (`label` → `image`); this renames them
 * to the project's control of the same type (a rectangle to its RectangleLabels, a span to its
 * Labels) and that control's object, so they validate against the config.
 */
export function fitRegionsToConfig(task: IncomingTask, config: LabelConfig): IncomingTask {
  const fit = (list: readonly Record<string, unknown>[] | undefined) =>
    list?.map((entry) => ({
      ...entry,
      result: Array.isArray(entry.result)
        ? entry.result.map((item: unknown) => {
            if (typeof item !== 'object' || item === null) return item;
            const control = config.controls.find((c) => c.type === (item as { type?: unknown }).type);
            const toName = control?.toName[0];
            return control && toName ? { ...item, from_name: control.name, to_name: toName } : item;
          })
        : entry.result,
    }));
  return { ...task, annotations: fit(task.annotations), predictions: fit(task.predictions) };
}
