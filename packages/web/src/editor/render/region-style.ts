import { labelColor, type ConfigModel } from '../config-model.js';
import type { Region } from '../types.js';

export interface RegionStyle {
  color: string;
  /** Fill opacity; 0 for open shapes. */
  fillAlpha: number;
  lineWidth: number;
  dashed: boolean;
}

/** How a region looks: its first label's colour, a light fill, dashed while it is a suggestion. */
export function regionStyle(model: ConfigModel, region: Region): RegionStyle {
  const control = model.regionControls.get(region.control);
  const opacity = control && 'opacity' in control && control.opacity !== undefined ? control.opacity : 0.2;
  const width = control && 'strokeWidth' in control && control.strokeWidth !== undefined ? control.strokeWidth : 1.5;
  return { color: labelColor(model, region.control, region.labels[0]), fillAlpha: opacity, lineWidth: width, dashed: region.suggestion !== undefined };
}

/** A key that groups regions drawn with one fill and one stroke call. */
export function styleKey(style: RegionStyle, fillable: boolean): string {
  return `${style.color}|${fillable ? style.fillAlpha : 0}|${style.lineWidth}|${style.dashed ? 1 : 0}`;
}

/** The text shown next to a region: its labels, and the score of a suggestion. */
export function regionCaption(region: Region): string {
  const labels = region.labels.join(', ');
  const score = region.suggestion?.score;
  return score === undefined ? labels : `${labels} ${score.toFixed(2)}`;
}
