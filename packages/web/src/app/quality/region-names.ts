import type { ResultItem } from '../api/api-types.js';

/**
 * A short name for each region of a result, for comments pinned to regions: its labels (from
 * any `*labels` value, e.g. rectanglelabels) and its kind, e.g. "Car · rectangle".
 */
export function regionNames(result: readonly ResultItem[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const item of result) {
    if (typeof item.id !== 'string' || !item.value) continue;
    const labels = Object.entries(item.value)
      .filter(([key, v]) => key.endsWith('labels') && Array.isArray(v))
      .flatMap(([, v]) => (v as unknown[]).filter((l): l is string => typeof l === 'string'));
    const kind = (item.type ?? '').replace(/labels$/, '') || 'region';
    if (labels.length > 0 || !names.has(item.id)) names.set(item.id, labels.length > 0 ? `${labels.join(', ')} · ${kind}` : kind);
  }
  return names;
}

/** Formats a share in [0, 1] as a percentage ("—" for null). */
export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(digits)}%`;
}

/** Formats a number with fixed decimals ("—" for null). */
export function fixed(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** Seconds as h:mm:ss. */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
