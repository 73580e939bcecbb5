import type { LabelConfigInput } from '@laoshi/core';

// Pure edits of a config draft for the visual builder. The draft may be invalid while the user edits;
// validation (core's validateLabelConfig) runs on every change and is shown beside it.

export type Draft = { objects: DraftObject[]; controls: DraftControl[] };
export type DraftObject = { type: string; name: string; value: string } & Record<string, unknown>;
export type DraftControl = { type: string; name: string; toName: string[] } & Record<string, unknown>;
export type DraftItem = { value: string; hotkey?: string; background?: string } & Record<string, unknown>;

export const OBJECT_KINDS = ['image', 'text', 'hypertext', 'video', 'audio'] as const;
export const CONTROL_KINDS = ['rectanglelabels', 'polygonlabels', 'keypointlabels', 'labels', 'choices', 'textarea', 'rating', 'number', 'relations', 'videorectangle', 'videopolygon'] as const;

/** Which list a control keeps its items in: labels, choices or none. */
export function itemsKey(type: string): 'labels' | 'choices' | null {
  if (type === 'choices') return 'choices';
  if (['rectanglelabels', 'polygonlabels', 'keypointlabels', 'labels', 'relations'].includes(type)) return 'labels';
  return null;
}

export function toDraft(config: LabelConfigInput | Record<string, unknown>): Draft {
  const c = config as Partial<Draft>;
  return { objects: [...(c.objects ?? [])], controls: [...(c.controls ?? [])] };
}

function uniqueName(base: string, taken: string[]): string {
  if (!taken.includes(base)) return base;
  let i = 2;
  while (taken.includes(`${base}${i}`)) i++;
  return `${base}${i}`;
}

export function addObject(d: Draft, type: string): Draft {
  const name = uniqueName(type, [...d.objects.map((o) => o.name), ...d.controls.map((c) => c.name)]);
  return { ...d, objects: [...d.objects, { type, name, value: `$${name}` }] };
}

export function addControl(d: Draft, type: string): Draft {
  const name = uniqueName(type === 'choices' ? 'choice' : 'label', [...d.objects.map((o) => o.name), ...d.controls.map((c) => c.name)]);
  const toName = d.objects[0] ? [d.objects[0].name] : [];
  const control: DraftControl = { type, name, toName };
  const key = itemsKey(type);
  if (key) control[key] = [{ value: key === 'choices' ? 'Yes' : 'Label' }];
  if (type === 'relations') control.toName = [];
  return { ...d, controls: [...d.controls, control] };
}

/** Changes a control's type, keeping its name and targets and moving its items between labels/choices. */
export function changeControlType(c: DraftControl, type: string): DraftControl {
  const from = itemsKey(c.type);
  const to = itemsKey(type);
  const items = (from ? (c[from] as DraftItem[] | undefined) : undefined) ?? [{ value: 'Label' }];
  const next: DraftControl = { type, name: c.name, toName: type === 'relations' ? [] : c.toName };
  if (to) next[to] = items.map((it) => (to === 'choices' ? { value: it.value, ...(it.hotkey ? { hotkey: it.hotkey } : {}) } : it));
  return next;
}

/** Renames an object and every control's reference to it. */
export function renameObject(d: Draft, index: number, name: string): Draft {
  const old = d.objects[index]?.name;
  return {
    objects: d.objects.map((o, i) => (i === index ? { ...o, name } : o)),
    controls: d.controls.map((c) => ({ ...c, toName: c.toName.map((n) => (n === old ? name : n)) })),
  };
}

export function removeObject(d: Draft, index: number): Draft {
  const old = d.objects[index]?.name;
  return { objects: d.objects.filter((_, i) => i !== index), controls: d.controls.map((c) => ({ ...c, toName: c.toName.filter((n) => n !== old) })) };
}

/** Drops empty optional strings so the JSON stays clean (an empty hotkey is "no hotkey"). */
export function cleanDraft(d: Draft): Draft {
  const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined));
  return {
    objects: d.objects.map((o) => clean(o) as DraftObject),
    controls: d.controls.map((c) => {
      const key = itemsKey(c.type);
      const out = clean(c) as DraftControl;
      if (key && Array.isArray(c[key])) out[key] = (c[key] as DraftItem[]).map((it) => clean(it));
      return out;
    }),
  };
}

/** Task data that shows every object of the config (for the live preview). */
export function sampleTaskData(d: Draft, sample: { image: string; text: string }): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const o of d.objects) {
    const key = o.value.replace(/^\$/, '');
    data[key] = o.type === 'image' ? sample.image : o.type === 'hypertext' ? `<p>${sample.text}</p>` : sample.text;
  }
  return data;
}
