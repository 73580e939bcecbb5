import type { Classification, EditorDocument, Region, Relation } from './types.js';

// Immutable edits of the document. Each returns a new document sharing everything it did not
// touch, so undo snapshots cost little and views can compare by reference.

export const EMPTY_DOCUMENT: EditorDocument = { regions: new Map(), relations: [], classifications: new Map(), passthrough: [] };

/** The key of a classification: one value per control, per region for per-region controls. */
export function classificationKey(control: string, regionId?: string): string {
  return `${control}\u0000${regionId ?? ''}`;
}

/** Adds (or replaces) regions, appended on top in the given order. */
export function putRegions(doc: EditorDocument, regions: readonly Region[]): EditorDocument {
  if (regions.length === 0) return doc;
  const next = new Map(doc.regions);
  for (const region of regions) next.set(region.id, region);
  return { ...doc, regions: next };
}

/**
 * Applies `update` to the regions named by `ids`; a region whose update returns a new object gets
 * its version bumped. A suggestion that is edited becomes the annotator's own (it is accepted).
 */
export function updateRegions(doc: EditorDocument, ids: Iterable<string>, update: (region: Region) => Region): EditorDocument {
  let next: Map<string, Region> | undefined;
  for (const id of ids) {
    const region = doc.regions.get(id);
    if (region === undefined) continue;
    const changed = update(region);
    if (changed === region) continue;
    next ??= new Map(doc.regions);
    const geometryEdited = changed.geometry !== region.geometry;
    next.set(id, { ...changed, version: region.version + 1, suggestion: geometryEdited ? undefined : changed.suggestion });
  }
  return next === undefined ? doc : { ...doc, regions: next };
}

/** Removes regions together with their relations and per-region classifications. */
export function removeRegions(doc: EditorDocument, ids: Iterable<string>): EditorDocument {
  const gone = new Set([...ids].filter((id) => doc.regions.has(id)));
  if (gone.size === 0) return doc;
  const regions = new Map([...doc.regions].filter(([id]) => !gone.has(id)));
  const relations = doc.relations.filter((r) => !gone.has(r.from) && !gone.has(r.to));
  const classifications = new Map([...doc.classifications].filter(([, c]) => c.regionId === undefined || !gone.has(c.regionId)));
  return { ...doc, regions, relations, classifications };
}

/** Sets a classification value; an empty value (no choices, no text) removes it. */
export function putClassification(doc: EditorDocument, classification: Classification): EditorDocument {
  const key = classificationKey(classification.control, classification.regionId);
  const classifications = new Map(doc.classifications);
  const empty = Array.isArray(classification.value) && classification.value.length === 0;
  if (empty) classifications.delete(key);
  else classifications.set(key, classification);
  return { ...doc, classifications };
}

/** Removes the classification of `control` (for `regionId` on per-region controls). */
export function removeClassification(doc: EditorDocument, control: string, regionId?: string): EditorDocument {
  const key = classificationKey(control, regionId);
  if (!doc.classifications.has(key)) return doc;
  const classifications = new Map(doc.classifications);
  classifications.delete(key);
  return { ...doc, classifications };
}

/** Adds a relation unless the same pair is already related in the same direction. */
export function addRelation(doc: EditorDocument, relation: Relation): EditorDocument {
  if (relation.from === relation.to || !doc.regions.has(relation.from) || !doc.regions.has(relation.to)) return doc;
  if (doc.relations.some((r) => r.from === relation.from && r.to === relation.to)) return doc;
  return { ...doc, relations: [...doc.relations, relation] };
}

/** Replaces or removes (update returns null) the relation with `id`. */
export function updateRelation(doc: EditorDocument, id: string, update: (relation: Relation) => Relation | null): EditorDocument {
  const index = doc.relations.findIndex((r) => r.id === id);
  const current = doc.relations[index];
  if (current === undefined) return doc;
  const changed = update(current);
  if (changed === current) return doc;
  const relations = [...doc.relations];
  if (changed === null) relations.splice(index, 1);
  else relations[index] = changed;
  return { ...doc, relations };
}
