import type { ResultItem } from '@laoshi/core';
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
const GEOMETRY_KEYS = ['x', 'y', 'width', 'height', 'rotation', 'points', 'closed', 'start', 'end', 'text', 'startOffset', 'endOffset'];

export interface ReadOptions {
  newId: () => string;
  /** Marks everything read as a model's suggestion. */
  suggestion?: Suggestion | undefined;
  /** Region ids already taken (a prediction item whose id is taken was accepted before). */
  taken?: ReadonlySet<string> | undefined;
}

/** The geometry a region item describes, or undefined when the item is not one the engine edits. */
function geometryOf(item: Loose, value: Loose, model: ConfigModel): RegionGeometry | undefined {
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
      if (!Number.isInteger(value.start) || !Number.isInteger(value.end) || model.objects.get(String(item.to_name))?.type !== 'text') return undefined;
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
    const labels = (value as Loose)[String(raw.type)];
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
function geometryValue(region: Region): Loose {
  const g = region.geometry;
  const had = region.valueExtra;
  switch (g.kind) {
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

const RESULT_TYPE = { rectangle: 'rectanglelabels', polygon: 'polygonlabels', keypoint: 'keypointlabels', span: 'labels' } as const;

/** Sets or drops a boolean flag the way the input had it: absent stays absent while false. */
function flag(out: Loose, key: string, on: boolean): void {
  if (on) out[key] = true;
  else if (key in out) out[key] = false;
}

/** Writes the document as Label Studio result items; suggestions not yet accepted are left out. */
export function writeResult(doc: EditorDocument, image: ImageSize | null): ResultItem[] {
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
    const type = RESULT_TYPE[region.geometry.kind];
    const item: Loose = { ...region.extra, id: region.id, from_name: region.control, to_name: region.object, type };
    item.value = { ...region.valueExtra, ...geometryValue(region), [type]: [...region.labels] };
    flag(item, 'hidden', region.hidden);
    flag(item, 'readonly', region.locked);
    if (image && region.geometry.kind !== 'span' && !('original_width' in region.extra)) {
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
  item.value = { ...c.valueExtra, ...(region ? geometryValue(region) : {}), [VALUE_KEY[c.type]]: value };
  return item;
}

function relationItem(r: Relation): Loose {
  const item: Loose = { ...r.extra, type: 'relation', from_id: r.from, to_id: r.to };
  if ('direction' in r.extra || r.direction !== 'right') item.direction = r.direction;
  if ('labels' in r.extra || r.labels.length > 0) item.labels = [...r.labels];
  return item;
}
