import {
  sequenceFromTrack, trackFromVideoPolygon, trackFromVideoRectangle, videoPolygonFromTrack, type PointsTrack, type RectangleTrack, type ResultItem,
  type VideoPolygonValue, type VideoRectangleValue,
} from '@laoshi/core';
import type { ConfigModel } from './config-model.js';
import { classificationKey, EMPTY_DOCUMENT } from './document.js';
import type { Classification, ClassificationType, EditorDocument, ImageSize, Region, RegionGeometry, Relation, Suggestion } from './types.js';

// Label Studio results ⇄ the engine's document. Unknown keys of items and values are kept and
// written back, and items the engine cannot edit pass through unchanged, so loading a result and
// saving it again without edits gives the same items.

type Loose = Record<string, unknown>;

/** A result item as it arrives: typed by core, or a plain object from the API (checked here). */
export type ResultInput = ResultItem | Readonly<Record<string, unknown>>;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const CLASSIFICATION_TYPES = new Set<string>(['choices', 'textarea', 'rating', 'number']);
/** The `value` key each classification type keeps its answer under (a textarea's is `text`). */
const VALUE_KEY: Record<ClassificationType, string> = { choices: 'choices', textarea: 'text', rating: 'rating', number: 'number' };
// Keys Label Studio copies from the region onto its per-region classification items.
const GEOMETRY_KEYS = ['x', 'y', 'width', 'height', 'rotation', 'points', 'closed', 'start', 'end', 'text', 'startOffset', 'endOffset', 'channel'];
const TRACK_TYPES = new Set(['videorectangle', 'videopolygon']);

/** The video's frame rate and length, for the `time`, `framesCount` and `duration` Label Studio writes on tracks. */
export interface MediaFacts {
  fps: number;
  frameCount: number;
}

export interface ReadOptions {
  newId: () => string;
  /** Marks everything read as a model's suggestion. */
  suggestion?: Suggestion | undefined;
  /** Region ids already taken (a prediction item whose id is taken was accepted before). */
  taken?: ReadonlySet<string> | undefined;
}

/** A keyframe sequence the core readers can take: frames whole and increasing, shapes of numbers. */
function validSequence(value: Loose, type: string): boolean {
  const sequence = value.sequence;
  if (!Array.isArray(sequence) || sequence.length === 0) return false;
  let previous = -Infinity;
  return sequence.every((k: Loose) => {
    const ok = typeof k === 'object' && k !== null && Number.isInteger(k.frame) && (k.frame as number) > previous && typeof k.enabled === 'boolean'
      && (type === 'videorectangle'
        ? [k.x, k.y, k.width, k.height, k.rotation ?? 0].every(isNum)
        : Array.isArray(k.points) && (k.points as unknown[]).every((p) => Array.isArray(p) && isNum(p[0]) && isNum(p[1])));
    previous = k.frame as number;
    return ok;
  });
}

/** The track a `videorectangle`/`videopolygon` item holds, or undefined when it is not one of the config's. */
function trackOf(item: Loose, value: Loose, model: ConfigModel): RegionGeometry | undefined {
  const control = model.trackControls.get(String(item.from_name));
  if (control === undefined || control.type !== item.type || !control.toName.includes(String(item.to_name)) || !validSequence(value, control.type)) return undefined;
  const id = String(item.id);
  const track = control.type === 'videorectangle' ? trackFromVideoRectangle(id, value as unknown as VideoRectangleValue) : trackFromVideoPolygon(id, value as unknown as VideoPolygonValue);
  delete track.label;
  return { kind: 'track', track };
}

/**
 * The size of the image the items were made on, as Label Studio records it on every region item
 * (`original_width`, `original_height`), or null. The editor lays the regions out with it while the
 * image itself is still loading; the loaded image's own size wins if it differs.
 */
export function claimedImageSize(model: ConfigModel, items: readonly ResultInput[]): ImageSize | null {
  const image = model.image;
  if (image === undefined) return null;
  for (const item of items as readonly Loose[]) {
    const { original_width: width, original_height: height } = item;
    if (item.to_name === image.name && isNum(width) && isNum(height) && width > 0 && height > 0) return { width, height };
  }
  return null;
}

/** The geometry a region item describes, or undefined when the item is not one the engine edits. */
function geometryOf(item: Loose, value: Loose, model: ConfigModel): RegionGeometry | undefined {
  if (TRACK_TYPES.has(String(item.type))) return trackOf(item, value, model);
  const control = model.regionControls.get(String(item.from_name));
  if (control === undefined || control.type !== item.type || !control.toName.includes(String(item.to_name))) return undefined;
  switch (item.type) {
    case 'rectanglelabels': {
      const rotation = value.rotation ?? 0;
      if (![value.x, value.y, value.width, value.height, rotation].every(isNum)) return undefined;
      return { kind: 'rectangle', x: value.x as number, y: value.y as number, width: value.width as number, height: value.height as number, rotation: rotation as number };
    }
    case 'polygonlabels': {
      const points = value.points;
      if (!Array.isArray(points) || !points.every((p) => Array.isArray(p) && p.length >= 2 && isNum(p[0]) && isNum(p[1]))) return undefined;
      return { kind: 'polygon', points: (points as number[][]).map((p) => [p[0], p[1]] as [number, number]), closed: value.closed !== false };
    }
    case 'keypointlabels':
      if (!isNum(value.x) || !isNum(value.y)) return undefined;
      return { kind: 'keypoint', x: value.x, y: value.y, width: isNum(value.width) ? value.width : undefined };
    case 'labels': {
      const object = model.objects.get(String(item.to_name))?.type;
      if (object === 'audio') {
        if (!isNum(value.start) || !isNum(value.end) || value.end < value.start) return undefined;
        return { kind: 'segment', start: value.start, end: value.end, channel: isNum(value.channel) ? value.channel : undefined };
      }
      if (!Number.isInteger(value.start) || !Number.isInteger(value.end) || object !== 'text') return undefined;
      return { kind: 'span', start: value.start as number, end: value.end as number, text: typeof value.text === 'string' ? value.text : '' };
    }
    default:
      return undefined;
  }
}

/** Reads result items into `doc` (an empty document by default). */
export function readResult(model: ConfigModel, items: readonly ResultInput[], options: ReadOptions, doc: EditorDocument = EMPTY_DOCUMENT): EditorDocument {
  const regions = new Map(doc.regions);
  const classifications = new Map(doc.classifications);
  const relations = [...doc.relations];
  const passthrough = [...doc.passthrough];
  const renamed = new Map<string, string>();
  const later: Loose[] = [];
  const suggestion = options.suggestion;
  for (const raw of items as unknown as Loose[]) {
    const value = (typeof raw.value === 'object' && raw.value !== null ? raw.value : {}) as Loose;
    const geometry = geometryOf(raw, value, model);
    if (geometry === undefined) {
      later.push(raw);
      continue;
    }
    let id = String(raw.id);
    if (options.taken?.has(id)) continue;
    if (regions.has(id)) {
      if (suggestion === undefined) {
        passthrough.push(raw as unknown as ResultItem); // a second region item for one id: keep it as it was
        continue;
      }
      renamed.set(id, (id = options.newId()));
    }
    const labels = (value as Loose)[TRACK_TYPES.has(String(raw.type)) ? 'labels' : String(raw.type)];
    const score = isNum(raw.score) ? raw.score : suggestion?.score;
    regions.set(id, {
      id, version: 0, control: String(raw.from_name), object: String(raw.to_name), geometry,
      labels: isStrings(labels) ? labels : [], hidden: raw.hidden === true, locked: raw.readonly === true,
      suggestion: suggestion && { ...suggestion, score }, extra: raw, valueExtra: value,
    });
  }
  for (const raw of later) {
    const value = (typeof raw.value === 'object' && raw.value !== null ? raw.value : {}) as Loose;
    if (raw.type === 'relation') {
      const from = renamed.get(String(raw.from_id)) ?? String(raw.from_id);
      const to = renamed.get(String(raw.to_id)) ?? String(raw.to_id);
      if (regions.has(from) && regions.has(to)) {
        const direction = raw.direction === 'left' || raw.direction === 'bi' ? raw.direction : 'right';
        relations.push({ id: options.newId(), from, to, direction, labels: isStrings(raw.labels) ? raw.labels : [], extra: raw });
        continue;
      }
    }
    const classification = readClassification(model, raw, value, regions, renamed);
    if (classification !== undefined) {
      const key = classificationKey(classification.control, classification.regionId);
      if (suggestion === undefined || !classifications.has(key)) {
        classifications.set(key, suggestion ? { ...classification, suggestion: { ...suggestion, score: isNum(raw.score) ? raw.score : suggestion.score } } : classification);
      }
      continue;
    }
    if (suggestion === undefined) passthrough.push(raw as unknown as ResultItem);
  }
  return { regions, relations, classifications, passthrough };
}

function readClassification(model: ConfigModel, raw: Loose, value: Loose, regions: ReadonlyMap<string, Region>, renamed: ReadonlyMap<string, string>): Classification | undefined {
  const type = String(raw.type);
  const control = model.classificationControls.find((c) => c.name === raw.from_name);
  if (!CLASSIFICATION_TYPES.has(type) || control === undefined || control.type !== type || !control.toName.includes(String(raw.to_name))) return undefined;
  const v = value[VALUE_KEY[type as ClassificationType]];
  const ok = type === 'rating' || type === 'number' ? isNum(v) : isStrings(v);
  if (!ok) return undefined;
  const id = renamed.get(String(raw.id)) ?? String(raw.id);
  const regionId = control.perRegion === true && regions.has(id) ? id : undefined;
  if (control.perRegion === true && regionId === undefined) return undefined;
  const valueExtra = regionId === undefined ? value : Object.fromEntries(Object.entries(value).filter(([k]) => !GEOMETRY_KEYS.includes(k)));
  return { control: control.name, object: String(raw.to_name), regionId, type: type as ClassificationType, value: v as string[] | number, extra: raw, valueExtra };
}

/** The value keys of a region's geometry, as Label Studio writes them. */
function geometryValue(region: Region, media?: MediaFacts): Loose {
  const g = region.geometry;
  const had = region.valueExtra;
  switch (g.kind) {
    case 'track': {
      const options: { fps?: number; framesCount?: number } = media ? { fps: media.fps, ...(media.frameCount > 1 ? { framesCount: media.frameCount } : {}) } : {};
      const length = options.framesCount !== undefined && options.fps !== undefined ? { framesCount: options.framesCount, duration: options.framesCount / options.fps } : {};
      if (g.track.kind === 'rectangle') return { sequence: sequenceFromTrack(g.track as RectangleTrack, options), ...length };
      const { labels: _labels, ...value } = videoPolygonFromTrack(g.track as PointsTrack, options);
      return { ...value };
    }
    case 'segment':
      return { start: g.start, end: g.end, channel: g.channel ?? 0 };
    case 'rectangle':
      return { x: g.x, y: g.y, width: g.width, height: g.height, ...('rotation' in had || g.rotation !== 0 ? { rotation: g.rotation } : {}) };
    case 'polygon':
      return { points: g.points.map(([x, y]) => [x, y]), ...('closed' in had || !g.closed ? { closed: g.closed } : {}) };
    case 'keypoint':
      return { x: g.x, y: g.y, ...(g.width !== undefined ? { width: g.width } : {}) };
    case 'span':
      return { start: g.start, end: g.end, text: g.text };
  }
}

const RESULT_TYPE = { rectangle: 'rectanglelabels', polygon: 'polygonlabels', keypoint: 'keypointlabels', span: 'labels', segment: 'labels' } as const;

/** The result `type` of a region, and the value key its labels go under. */
function typeOf(region: Region): { type: string; labelsKey: string } {
  const g = region.geometry;
  if (g.kind === 'track') return { type: g.track.kind === 'rectangle' ? 'videorectangle' : 'videopolygon', labelsKey: 'labels' };
  return { type: RESULT_TYPE[g.kind], labelsKey: RESULT_TYPE[g.kind] };
}

/** Sets or drops a boolean flag the way the input had it: absent stays absent while false. */
function flag(out: Loose, key: string, on: boolean): void {
  if (on) out[key] = true;
  else if (key in out) out[key] = false;
}

/**
 * Writes the document as Label Studio result items; suggestions not yet accepted are left out.
 * `media` (a video's frame rate and length) adds `time`, `framesCount` and `duration` to tracks.
 */
export function writeResult(doc: EditorDocument, image: ImageSize | null, media?: MediaFacts): ResultItem[] {
  const out: Loose[] = [];
  const perRegion = new Map<string, Classification[]>();
  const whole: Classification[] = [];
  for (const c of doc.classifications.values()) {
    if (c.suggestion) continue;
    if (c.regionId === undefined) whole.push(c);
    else perRegion.set(c.regionId, [...(perRegion.get(c.regionId) ?? []), c]);
  }
  for (const region of doc.regions.values()) {
    if (region.suggestion) continue;
    const { type, labelsKey } = typeOf(region);
    const item: Loose = { ...region.extra, id: region.id, from_name: region.control, to_name: region.object, type };
    item.value = { ...region.valueExtra, ...geometryValue(region, media), [labelsKey]: [...region.labels] };
    flag(item, 'hidden', region.hidden);
    flag(item, 'readonly', region.locked);
    const kind = region.geometry.kind;
    if (image && kind !== 'span' && kind !== 'segment' && kind !== 'track' && !('original_width' in region.extra)) {
      item.original_width = image.width;
      item.original_height = image.height;
    }
    out.push(item);
    for (const c of perRegion.get(region.id) ?? []) out.push(classificationItem(c, region));
  }
  for (const c of whole) out.push(classificationItem(c, undefined));
  for (const r of doc.relations) {
    if (doc.regions.get(r.from)?.suggestion || doc.regions.get(r.to)?.suggestion) continue;
    out.push(relationItem(r));
  }
  return [...(out as unknown as ResultItem[]), ...doc.passthrough];
}

function classificationItem(c: Classification, region: Region | undefined): Loose {
  const value = Array.isArray(c.value) ? [...c.value] : c.value;
  const item: Loose = { ...c.extra, id: region?.id ?? c.extra.id, from_name: c.control, to_name: c.object, type: c.type };
  // A per-region value repeats the region's geometry, as Label Studio does (not a track's whole sequence).
  const geometry = region && region.geometry.kind !== 'track' ? geometryValue(region) : {};
  item.value = { ...c.valueExtra, ...geometry, [VALUE_KEY[c.type]]: value };
  return item;
}

function relationItem(r: Relation): Loose {
  const item: Loose = { ...r.extra, type: 'relation', from_id: r.from, to_id: r.to };
  if ('direction' in r.extra || r.direction !== 'right') item.direction = r.direction;
  if ('labels' in r.extra || r.labels.length > 0) item.labels = [...r.labels];
  return item;
}
