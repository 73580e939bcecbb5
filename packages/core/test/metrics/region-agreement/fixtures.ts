import type { ResultItem } from '../../../src/results/index.js';

let next = 0;

/** A `rectanglelabels` item in percent, on image "image" unless `toName` says otherwise. */
export function rect(label: string, x: number, y: number, width = 10, height = 10, extra: Record<string, unknown> = {}): ResultItem {
  next += 1;
  return { id: `r${next}`, from_name: 'box', to_name: 'image', type: 'rectanglelabels', value: { x, y, width, height, rectanglelabels: [label] }, ...extra } as ResultItem;
}

/** A `polygonlabels` item. */
export function poly(label: string, points: [number, number][]): ResultItem {
  next += 1;
  return { id: `p${next}`, from_name: 'poly', to_name: 'image', type: 'polygonlabels', value: { points, polygonlabels: [label] } } as ResultItem;
}

/** A `labels` span on text "text". */
export function span(label: string, start: number, end: number, toName = 'text'): ResultItem {
  next += 1;
  return { id: `s${next}`, from_name: 'ner', to_name: toName, type: 'labels', value: { start, end, labels: [label] } } as ResultItem;
}
