import { controlLabelsKind, controlTypeForTool, kindOfControl, toolForControl, type ConfigModel } from './config-model.js';
import { addRelation, classificationKey, putClassification, putRegions, removeRegions, updateRegions } from './document.js';
import { normaliseSpan } from './regions/span.js';
import { imageKindOf } from './regions/index.js';
import { isTrack } from './regions/track.js';
import type { Classification, EditorDocument, EditorPatch, EditorState, Region, RegionKindName } from './types.js';
import { acceptTrackProposals } from './video/track-suggestions.js';

// Pure editing actions: (state, arguments) → patch. Commands and the editor's methods share them.

const editable = (state: EditorState, ids: Iterable<string> = state.selection): string[] =>
  [...ids].filter((id) => {
    const r = state.doc.regions.get(id);
    return r !== undefined && !r.locked;
  });

/**
 * Picks a label: with regions of that control selected it relabels them (toggling it for
 * multiple-choice controls); otherwise it becomes the active label and its drawing tool is chosen.
 */
export function pickLabel(state: EditorState, model: ConfigModel, control: string, label: string): EditorPatch | undefined {
  const c = model.regionControls.get(control);
  if (c === undefined) return undefined;
  // A video's labels control labels its tracks, which belong to their track control (VideoRectangle…).
  const labelsTracks = c.toName.some((t) => model.objects.get(t)?.type === 'video');
  const fits = (r: Region | undefined) =>
    r !== undefined && c.toName.includes(r.object) && (labelsTracks ? model.trackControls.has(r.control) || isTrack(r) : controlLabelsKind(c, r.geometry.kind));
  const targets = editable(state).filter((id) => fits(state.doc.regions.get(id)));
  if (targets.length > 0 && !state.readOnly) {
    const multiple = c.choice === 'multiple';
    const doc = updateRegions(state.doc, targets, (r) => {
      const own = labelsTracks || r.control === control;
      const labels = !own ? [label] : multiple ? (r.labels.includes(label) ? r.labels.filter((l) => l !== label) : [...r.labels, label]) : [label];
      return { ...r, control: labelsTracks ? r.control : control, labels };
    });
    return { doc };
  }
  const same = state.active?.control === control && state.active.label === label;
  const tool = toolForControl(c);
  const keepTool = tool === 'polygon' && state.tool === 'polyline';
  return { active: same ? null : { control, label }, ...(tool && !same && !keepTool ? { tool } : {}) };
}

/** Where a new region of `kind` goes and which labels it carries, from the active label. */
export function newRegionTarget(state: EditorState, model: ConfigModel, kind: RegionKindName, object?: string): { control: string; object: string; labels: string[] } | undefined {
  if (model.video !== undefined && (kind === 'rectangle' || kind === 'polygon')) return newTrackTarget(state, model, kind);
  const controls = [...model.regionControls.values()].filter((c) => kindOfControl(c) === kind && (object === undefined || c.toName.includes(object)));
  const active = state.active && controls.find((c) => c.name === state.active?.control);
  const control = active ?? controls[0];
  if (control === undefined) return undefined;
  const target = object ?? control.toName.find((t) => model.objects.get(t)?.type === (kind === 'span' ? 'text' : 'image')) ?? control.toName[0];
  if (target === undefined) return undefined;
  return { control: control.name, object: target, labels: active && state.active ? [state.active.label] : [] };
}

/** A shape drawn on the video starts a track of the first track control of its kind, with the active track label. */
function newTrackTarget(state: EditorState, model: ConfigModel, kind: 'rectangle' | 'polygon'): { control: string; object: string; labels: string[] } | undefined {
  const type = kind === 'rectangle' ? 'videorectangle' : 'videopolygon';
  const control = [...model.trackControls.values()].find((c) => c.type === type);
  const object = control?.toName.find((t) => t === model.video?.name);
  if (control === undefined || object === undefined) return undefined;
  const labels = model.trackLabels.get(object);
  const active = state.active !== null && labels?.name === state.active.control ? [state.active.label] : [];
  return { control: control.name, object, labels: active };
}

/** Whether the current tool draws regions the active label belongs to. */
export function toolMatchesActive(state: EditorState, model: ConfigModel): boolean {
  const type = controlTypeForTool(state.tool);
  return state.active !== null && type !== undefined && model.regionControls.get(state.active.control)?.type === type;
}

export function deleteSelected(state: EditorState): EditorPatch | undefined {
  const ids = editable(state);
  if (ids.length === 0) return undefined;
  return { doc: removeRegions(state.doc, ids), selection: new Set([...state.selection].filter((id) => !ids.includes(id))) };
}

/** Moves the selected regions by a screen distance (arrow keys). */
export function nudgeSelected(state: EditorState, dx: number, dy: number): EditorPatch | undefined {
  const image = state.image;
  const ids = editable(state);
  if (image === null || ids.length === 0) return undefined;
  const [wx, wy] = [dx / state.viewport.scale, dy / state.viewport.scale];
  const doc = updateRegions(state.doc, ids, (r) => {
    const kind = imageKindOf(r.geometry);
    return kind ? { ...r, geometry: kind.translate(r.geometry, wx, wy, image) } : r;
  });
  return { doc };
}

/** Hides the given regions, or shows them all when they are all hidden already. */
export function toggleHidden(state: EditorState, ids: readonly string[]): EditorPatch | undefined {
  const regions = ids.map((id) => state.doc.regions.get(id)).filter((r): r is Region => r !== undefined);
  if (regions.length === 0) return undefined;
  const hide = !regions.every((r) => r.hidden);
  return { doc: updateRegions(state.doc, ids, (r) => (r.hidden === hide ? r : { ...r, hidden: hide })) };
}

/** Locks the given regions against edits, or unlocks them when all are locked. */
export function toggleLocked(state: EditorState, ids: readonly string[]): EditorPatch | undefined {
  const regions = ids.map((id) => state.doc.regions.get(id)).filter((r): r is Region => r !== undefined);
  if (regions.length === 0) return undefined;
  const lock = !regions.every((r) => r.locked);
  return { doc: updateRegions(state.doc, ids, (r) => (r.locked === lock ? r : { ...r, locked: lock })) };
}

/** Selects the next (or previous) visible region in list order, wrapping around. */
export function selectNext(state: EditorState, step: 1 | -1): EditorPatch | undefined {
  const ids = [...state.doc.regions.values()].filter((r) => !r.hidden).map((r) => r.id);
  if (ids.length === 0) return undefined;
  const current = [...state.selection].at(-1);
  const index = current === undefined ? (step === 1 ? -1 : 0) : ids.indexOf(current);
  const next = ids[(index + step + ids.length) % ids.length] as string;
  return { selection: new Set([next]) };
}

/** Makes suggestions the annotator's own: the given regions (and their classifications), or all. */
export function acceptSuggestions(original: EditorDocument, ids?: readonly string[]): EditorDocument {
  // A tracker's proposals join the tracks they are for; the rest become the annotator's own.
  const doc = acceptTrackProposals(original, ids);
  const all = ids === undefined;
  const chosen = new Set(ids ?? []);
  const regionIds = [...doc.regions.values()].filter((r) => r.suggestion && (all || chosen.has(r.id))).map((r) => r.id);
  let next = updateRegions(doc, regionIds, (r) => ({ ...r, suggestion: undefined, extra: { ...r.extra, origin: 'prediction' } }));
  for (const c of doc.classifications.values()) {
    if (!c.suggestion) continue;
    if (all || (c.regionId !== undefined && chosen.has(c.regionId))) next = putClassification(next, { ...c, suggestion: undefined });
  }
  return next;
}

/** Relates the first two selected regions (first → second); with a relations control only. */
export function relateSelected(state: EditorState, model: ConfigModel, newId: () => string): EditorPatch | undefined {
  const [from, to] = [...state.selection];
  if (model.relations === undefined || from === undefined || to === undefined || state.selection.size !== 2) return undefined;
  const existing = state.doc.relations.find((r) => (r.from === from && r.to === to) || (r.from === to && r.to === from));
  if (existing) return undefined;
  return { doc: addRelation(state.doc, { id: newId(), from, to, direction: 'right', labels: [], extra: {} }) };
}

/** Sets (or, with an empty value, clears) a classification control's value for the task or a region. */
export function setClassification(
  doc: EditorDocument, model: ConfigModel, newId: () => string, control: string, value: readonly string[] | number | null, regionId?: string,
): EditorDocument {
  const c = model.classificationControls.find((x) => x.name === control);
  if (c === undefined || (c.perRegion === true) !== (regionId !== undefined)) return doc;
  const key = classificationKey(control, regionId);
  const old = doc.classifications.get(key);
  if (value === null || (Array.isArray(value) && value.length === 0)) {
    if (old === undefined) return doc;
    const classifications = new Map(doc.classifications);
    classifications.delete(key);
    return { ...doc, classifications };
  }
  const object = regionId !== undefined ? (doc.regions.get(regionId)?.object ?? c.toName[0]) : c.toName[0];
  const next: Classification = {
    control, object: object ?? '', regionId, type: c.type, value,
    extra: old?.extra ?? { id: regionId ?? newId() }, valueExtra: old?.valueExtra ?? {},
  };
  return putClassification(doc, next);
}

/** Toggles one choice of a choices control (single-choice controls switch to it). */
export function toggleChoice(doc: EditorDocument, model: ConfigModel, newId: () => string, control: string, choice: string, regionId?: string): EditorDocument {
  const c = model.classificationControls.find((x) => x.name === control);
  if (c?.type !== 'choices') return doc;
  const current = doc.classifications.get(classificationKey(control, regionId))?.value;
  const chosen = Array.isArray(current) ? current : [];
  const next = chosen.includes(choice) ? chosen.filter((v) => v !== choice) : c.choice === 'multiple' ? [...chosen, choice] : [choice];
  return setClassification(doc, model, newId, control, next, regionId);
}

/**
 * Adds an audio segment from `start` to `end` seconds (either order) with the active label of a
 * labels control on the audio, and selects it. A segment shorter than 10 ms is not made.
 */
export function addSegment(state: EditorState, model: ConfigModel, newId: () => string, start: number, end: number): EditorPatch | undefined {
  const object = model.audio?.name;
  if (object === undefined || state.readOnly) return undefined;
  const controls = [...model.regionControls.values()].filter((c) => c.type === 'labels' && c.toName.includes(object));
  const control = controls.find((c) => c.name === state.active?.control) ?? controls[0];
  const [from, to] = [Math.max(0, Math.min(start, end)), Math.max(start, end)];
  if (control === undefined || to - from < 0.01) return undefined;
  const labels = state.active?.control === control.name ? [state.active.label] : [];
  const region: Region = {
    id: newId(), version: 1, control: control.name, object, geometry: { kind: 'segment', start: from, end: to, channel: 0 }, labels, hidden: false, locked: false, extra: {}, valueExtra: {},
  };
  return { doc: putRegions(state.doc, [region]), selection: new Set([region.id]) };
}

/** Moves or resizes an audio segment to `start`–`end` seconds. */
export function moveSegment(state: EditorState, id: string, start: number, end: number): EditorPatch | undefined {
  const r = state.doc.regions.get(id);
  if (r?.geometry.kind !== 'segment' || r.locked || state.readOnly) return undefined;
  const [from, to] = [Math.max(0, Math.min(start, end)), Math.max(start, end)];
  if (from === r.geometry.start && to === r.geometry.end) return undefined;
  return { doc: updateRegions(state.doc, [id], (x) => ({ ...x, geometry: { kind: 'segment', start: from, end: to, channel: x.geometry.kind === 'segment' ? x.geometry.channel : 0 } })) };
}

/**
 * Adds a text span over `start`–`end` of `text` (snapped to words when the object asks for it) and
 * selects it. Overlapping spans are allowed; the same range with the same labels twice is not.
 */
export function addSpan(state: EditorState, model: ConfigModel, newId: () => string, object: string, text: string, start: number, end: number): EditorPatch | undefined {
  const target = newRegionTarget(state, model, 'span', object);
  const config = model.objects.get(object);
  if (target === undefined || state.readOnly || config?.type !== 'text') return undefined;
  const geometry = normaliseSpan(text, start, end, config.granularity);
  if (geometry === undefined) return undefined;
  const duplicate = [...state.doc.regions.values()].find((r) => r.object === object && r.geometry.kind === 'span'
    && r.geometry.start === geometry.start && r.geometry.end === geometry.end && r.labels.join('\u0000') === target.labels.join('\u0000'));
  if (duplicate) return { selection: new Set([duplicate.id]) };
  const region: Region = { id: newId(), version: 1, ...target, geometry, hidden: false, locked: false, extra: {}, valueExtra: {} };
  return { doc: putRegions(state.doc, [region]), selection: new Set([region.id]) };
}
