import type { LabelConfig, LabelControl, LabelObject } from '@laoshi/core';
import type { ClassificationType, RegionKindName, ToolId } from './types.js';

// What the engine needs to know about a label config, worked out once: which controls draw which
// region kinds, which tools exist, the label colours and the label hotkeys.

export type RegionControl = Extract<LabelControl, { type: 'rectanglelabels' | 'polygonlabels' | 'keypointlabels' | 'labels' }>;
export type ClassificationControl = Extract<LabelControl, { type: ClassificationType }>;
export type RelationsControl = Extract<LabelControl, { type: 'relations' }>;
/** A control that draws tracks on a video (their labels come from a labels control on the video). */
export type TrackControl = Extract<LabelControl, { type: 'videorectangle' | 'videopolygon' }>;
export type VideoObject = Extract<LabelObject, { type: 'video' }>;
export type AudioObject = Extract<LabelObject, { type: 'audio' }>;

export interface LabelHotkey {
  control: string;
  value: string;
  key: string;
}

export interface ConfigModel {
  config: LabelConfig;
  /** The image the canvas shows (the first image object); others are not edited. */
  image: Extract<LabelObject, { type: 'image' }> | undefined;
  /** The video the canvas shows when there is no image (the first video object). */
  video: VideoObject | undefined;
  /** The audio the waveform shows (the first audio object). */
  audio: AudioObject | undefined;
  /** VideoRectangle and VideoPolygon controls, by name. */
  trackControls: ReadonlyMap<string, TrackControl>;
  /** The labels control whose labels the tracks of a video object carry, by object name. */
  trackLabels: ReadonlyMap<string, RegionControl>;
  /** Text and hypertext objects, in config order. */
  texts: Extract<LabelObject, { type: 'text' | 'hypertext' }>[];
  regionControls: ReadonlyMap<string, RegionControl>;
  classificationControls: readonly ClassificationControl[];
  relations: RelationsControl | undefined;
  /** Drawing tools that the config's controls need, plus select and pan when there is an image. */
  tools: readonly ToolId[];
  /** Keys that pick a label of a region control or toggle a choice. */
  hotkeys: readonly LabelHotkey[];
  objects: ReadonlyMap<string, LabelObject>;
}

const KIND_OF_CONTROL: Record<RegionControl['type'], RegionKindName> = {
  rectanglelabels: 'rectangle', polygonlabels: 'polygon', keypointlabels: 'keypoint', labels: 'span',
};

/** The region kind a labels control draws (spans on text; its segments on audio are `segment`). */
export function kindOfControl(control: RegionControl): RegionKindName {
  return KIND_OF_CONTROL[control.type];
}

/** Whether a region of `kind` carries labels of `control` (labels controls mark text spans and audio segments). */
export function controlLabelsKind(control: RegionControl, kind: RegionKindName): boolean {
  return kind === kindOfControl(control) || (control.type === 'labels' && kind === 'segment');
}

/** The control type whose labels a drawing tool uses. */
export function controlTypeForTool(tool: ToolId): RegionControl['type'] | undefined {
  switch (tool) {
    case 'rectangle':
      return 'rectanglelabels';
    case 'polygon':
    case 'polyline':
      return 'polygonlabels';
    case 'keypoint':
      return 'keypointlabels';
    default:
      return undefined;
  }
}

/** The drawing tool for a region control (polygon labels draw closed polygons by default). */
export function toolForControl(control: RegionControl): ToolId | undefined {
  return { rectanglelabels: 'rectangle', polygonlabels: 'polygon', keypointlabels: 'keypoint', labels: undefined }[control.type] as ToolId | undefined;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

export function buildConfigModel(config: LabelConfig): ConfigModel {
  const objects = new Map(config.objects.map((o) => [o.name, o]));
  const image = config.objects.find((o): o is Extract<LabelObject, { type: 'image' }> => o.type === 'image');
  const texts = config.objects.filter((o): o is Extract<LabelObject, { type: 'text' | 'hypertext' }> => o.type === 'text' || o.type === 'hypertext');
  const video = image ? undefined : config.objects.find((o): o is VideoObject => o.type === 'video');
  const audio = config.objects.find((o): o is AudioObject => o.type === 'audio');
  const regionControls = new Map<string, RegionControl>();
  const trackControls = new Map<string, TrackControl>();
  const trackLabels = new Map<string, RegionControl>();
  const classificationControls: ClassificationControl[] = [];
  let relations: RelationsControl | undefined;
  for (const c of config.controls) {
    if (c.type === 'rectanglelabels' || c.type === 'polygonlabels' || c.type === 'keypointlabels' || c.type === 'labels') regionControls.set(c.name, c);
    else if (c.type === 'choices' || c.type === 'textarea' || c.type === 'rating' || c.type === 'number') classificationControls.push(c);
    else if (c.type === 'relations') relations = c;
    else if ((c.type === 'videorectangle' || c.type === 'videopolygon') && video !== undefined && c.toName.includes(video.name)) trackControls.set(c.name, c);
    if (c.type === 'labels') for (const t of c.toName) if (objects.get(t)?.type === 'video' && !trackLabels.has(t)) trackLabels.set(t, c);
  }
  const tools: ToolId[] = image || trackControls.size > 0 ? ['select', 'pan'] : [];
  const has = (type: string) => [...regionControls.values()].some((c) => c.type === type && c.toName.some((t) => objects.get(t)?.type === 'image'));
  const tracks = (type: TrackControl['type']) => [...trackControls.values()].some((c) => c.type === type);
  if (has('rectanglelabels') || tracks('videorectangle')) tools.push('rectangle');
  if (has('polygonlabels') || tracks('videopolygon')) tools.push('polygon', 'polyline');
  if (has('keypointlabels')) tools.push('keypoint');
  return {
    config, image, video, audio, texts, regionControls, trackControls, trackLabels, classificationControls, relations, tools,
    hotkeys: assignHotkeys(regionControls, classificationControls), objects,
  };
}

/**
 * Explicit hotkeys from the config win; the remaining labels of region controls get 1–9 and 0 in
 * order. A config with no region labels gives the digits to its choices instead.
 */
function assignHotkeys(regionControls: ReadonlyMap<string, RegionControl>, classifications: readonly ClassificationControl[]): LabelHotkey[] {
  const hotkeys: LabelHotkey[] = [];
  const items: { control: string; value: string; hotkey?: string | undefined }[] = [];
  for (const c of regionControls.values()) for (const l of c.labels) items.push({ control: c.name, value: l.value, hotkey: l.hotkey });
  const choiceItems: typeof items = [];
  for (const c of classifications) if (c.type === 'choices') for (const l of c.choices) choiceItems.push({ control: c.name, value: l.value, hotkey: l.hotkey });
  const taken = new Set([...items, ...choiceItems].flatMap((i) => (i.hotkey ? [i.hotkey.toLowerCase()] : [])));
  const free = DIGITS.filter((d) => !taken.has(d));
  const numbered = items.length > 0 ? items : choiceItems;
  for (const item of [...items, ...choiceItems]) {
    const key = item.hotkey?.toLowerCase() ?? (numbered.includes(item) ? free.shift() : undefined);
    if (key !== undefined) hotkeys.push({ control: item.control, value: item.value, key });
  }
  return hotkeys;
}

/** A stable colour for label `index` of a control when the config gives none. */
const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324', '#469990', '#808000', '#000075', '#e6a000'];

/** The colour of a label: its configured background, else one from the palette. */
export function labelColor(model: ConfigModel, control: string, label: string | undefined): string {
  const track = model.trackControls.get(control);
  const labelsOfTrack = track === undefined ? undefined : model.trackLabels.get(track.toName[0] ?? '');
  const c = labelsOfTrack ?? model.regionControls.get(control) ?? (model.relations?.name === control ? model.relations : undefined);
  if (c === undefined || label === undefined) return '#8a8f98';
  const index = c.labels.findIndex((l) => l.value === label);
  const item = c.labels[index];
  return item?.background ?? PALETTE[Math.max(0, index) % PALETTE.length] ?? '#8a8f98';
}
