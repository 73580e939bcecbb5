/** What the cleaning and source-storage routes answer (see the server's cleaning-schemas.ts and source-storage-schemas.ts). */

export type DuplicateKind = 'exact' | 'text' | 'image';

export interface DuplicateTask {
  id: number;
  annotationCount: number;
  preview: string;
  image: string | null;
}

export interface DuplicateGroup {
  id: number;
  kind: DuplicateKind;
  similarity: number;
  size: number;
  tasks: DuplicateTask[];
  jobId: number | null;
  createdAt: string;
}

export interface DuplicateScanResult {
  tasks: number;
  textTasks: number;
  imageTasks: number;
  groups: Record<DuplicateKind, number>;
  redundantTasks: number;
  imageErrors: number;
  imageErrorExamples: string[];
}

export interface KeepResult {
  kept: number;
  deleted: number[];
  skipped: number[];
}

export const PII_KINDS = ['email', 'cn_id', 'mobile', 'landline', 'bank_card', 'ipv6', 'ipv4'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export interface PiiScanResult {
  tasks: number;
  tasksWithPii: number;
  counts: Record<PiiKind, number>;
  examples: { taskId: number; field: string; kind: PiiKind; masked: string; snippet: string }[];
}

export interface PiiRedactResult {
  tasks: number;
  tasksChanged: number;
  counts: Record<PiiKind, number>;
  lengthKeptTasks: number;
  annotationsChanged: number;
  predictionsChanged: number;
}

export interface SourceStorage {
  id: number;
  title: string;
  bucket: string;
  prefix: string;
  endpoint: string | null;
  region: string;
  forcePathStyle: boolean;
  accessKeyId: string | null;
  secretAccessKeySet: boolean;
  objectsSeen: number;
  lastSyncJobId: number | null;
  lastSyncedAt: string | null;
}

export interface SyncResult {
  listed: number;
  alreadySynced: number;
  unsupported: number;
  objects: number;
  tasks: number;
  media: number;
  failed: number;
  errors: string[];
}
