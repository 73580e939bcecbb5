import { hash } from 'node:crypto';
import type { ExportTask, JsonRecord } from './export-task.js';

/** What a dataset version holds. */
export interface ExportCounts {
  tasks: number;
  annotations: number;
  predictions: number;
  /** Labelled regions (result items sharing an id count once). */
  regions: number;
  /** Regions per label, and classifications per choice. */
  labels: Record<string, number>;
}

/**
 * One line of a version's manifest: the task id, fingerprints of its data and of its exported
 * annotations, and its label counts. Comparing two versions reads these, never the files.
 */
export interface TaskFingerprint {
  t: number;
  d: string;
  a: string;
  l: Record<string, number>;
}

// One-shot hashing: a fingerprint tells versions apart, so 96 bits of SHA-1 are plenty.
const hashOf = (text: string): string => hash('sha1', text, 'base64url').slice(0, 16);

/** The labels a result holds: each region's labels once per region, each choice once per item. */
export function labelCounts(result: readonly JsonRecord[]): { regions: number; labels: Map<string, number> } {
  const labels = new Map<string, number>();
  const regions = new Map<string, Set<string>>();
  for (const item of result) {
    const type = String(item.type);
    if (type === 'relation') continue;
    const value = (item.value ?? {}) as JsonRecord;
    const list = value[type] ?? (type === 'videorectangle' ? value.labels : undefined);
    if (!Array.isArray(list)) continue;
    if (type === 'choices') {
      for (const choice of list) if (typeof choice === 'string') labels.set(choice, (labels.get(choice) ?? 0) + 1);
      continue;
    }
    if (!type.endsWith('labels') && type !== 'videorectangle') continue;
    const id = String(item.id ?? '');
    let seen = regions.get(id);
    if (!seen) regions.set(id, (seen = new Set()));
    for (const label of list) if (typeof label === 'string') seen.add(label);
  }
  for (const seen of regions.values()) for (const label of seen) labels.set(label, (labels.get(label) ?? 0) + 1);
  return { regions: regions.size, labels };
}

/**
 * Counts what goes into the file and fingerprints each task for the manifest. `firstOnly`: the
 * format takes one annotation per task (the first), so only that one counts.
 */
export class ExportStats {
  readonly counts: ExportCounts = { tasks: 0, annotations: 0, predictions: 0, regions: 0, labels: {} };
  private readonly labels = new Map<string, number>();

  constructor(
    private readonly firstOnly: boolean,
    private readonly withPredictions: boolean,
    /** The writer reads parsed results too: keep them parsed rather than parse twice. */
    private readonly keepParsed: boolean,
  ) {}

  /** Records a task; with `fingerprint`, returns its manifest line (hashing costs, so only versions ask). */
  observe(task: ExportTask, fingerprint: true): TaskFingerprint;
  observe(task: ExportTask, fingerprint: false): undefined;
  observe(task: ExportTask, fingerprint: boolean): TaskFingerprint | undefined {
    const annotations = this.firstOnly ? task.annotations.slice(0, 1) : task.annotations;
    let hashed = '';
    const perTask: Record<string, number> = {};
    for (const a of annotations) {
      if (fingerprint) hashed += `${a.completedBy ?? ''}\u0000${a.resultJson}\u0001`;
      const { regions, labels } = labelCounts(this.keepParsed ? a.result : a.peekResult());
      this.counts.regions += regions;
      for (const [label, n] of labels) {
        this.labels.set(label, (this.labels.get(label) ?? 0) + n);
        perTask[label] = (perTask[label] ?? 0) + n;
      }
    }
    this.counts.tasks++;
    this.counts.annotations += annotations.length;
    if (this.withPredictions) this.counts.predictions += task.predictions.length;
    return fingerprint ? { t: task.id, d: hashOf(task.dataJson), a: hashOf(hashed), l: perTask } : undefined;
  }

  /** The counts, labels sorted by name. */
  result(): ExportCounts {
    return { ...this.counts, labels: Object.fromEntries([...this.labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
  }
}
