import type { Generated, Insertable, Selectable } from 'kysely';

// Portable column types: booleans are 0/1 integers, JSON is text, times are epoch milliseconds.
// The same rows come back from SQLite and PostgreSQL (int8 is parsed to number in database.ts).

export interface OrganizationsTable {
  id: Generated<number>;
  name: string;
  created_at: number;
}

export type OrgRole = 'admin' | 'member';

export interface UsersTable {
  id: Generated<number>;
  organization_id: number;
  email: string;
  name: string;
  password_hash: string;
  org_role: OrgRole;
  is_superuser: number;
  is_active: number;
  created_at: number;
  last_login_at: number | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: number;
  last_used_at: number | null;
}

export type ProjectRole = 'manager' | 'reviewer' | 'annotator';

export interface ProjectsTable {
  id: Generated<number>;
  organization_id: number;
  title: string;
  description: string;
  label_config: string;
  label_config_xml: string | null;
  overlap: number;
  /** JSON quality settings (review, gold rate, thresholds); read through modules/quality/quality-settings.ts. */
  quality_settings: Generated<string>;
  /** Gold tasks in the project; the queue and submit look for gold only when it is above 0. */
  gold_count: Generated<number>;
  /** The queue order (model_settings holds its seed); 'sequential' costs the queue nothing extra. */
  queue_order: Generated<QueueOrder>;
  /** Active webhooks + model backends (modules/projects/project-listeners.ts); 0 skips event delivery on the hot path. */
  listener_count: Generated<number>;
  created_by: number;
  created_at: number;
  updated_at: number;
}

export interface ProjectMembersTable {
  project_id: number;
  user_id: number;
  role: ProjectRole;
  created_at: number;
}

export interface TasksTable {
  id: Generated<number>;
  project_id: number;
  data: string;
  meta: string;
  /** Submitted annotations (drafts excluded); kept in step by the annotation service. */
  annotation_count: number;
  /** 1 once annotation_count reaches the project's overlap. */
  is_labeled: number;
  /** Live task locks (reservations by "next"); kept in step by recountTasks(). */
  reserved: number;
  /** 1 while annotation_count + reserved < overlap: the queue scans only these, in id order. */
  is_open: number;
  created_at: number;
  updated_at: number;
}

export interface TaskLocksTable {
  task_id: number;
  user_id: number;
  project_id: number;
  expires_at: number;
  /** When "next" first handed the task out (null for an explicit assignment not yet opened). */
  locked_at: number | null;
}

/** An annotator skipped a task (with a reason); the queue does not hand it to them again. */
export interface TaskSkipsTable {
  task_id: number;
  user_id: number;
  project_id: number;
  reason: string;
  created_at: number;
}

export interface AnnotationsTable {
  id: Generated<number>;
  task_id: number;
  project_id: number;
  /** null for imported annotations whose annotator is not a user here. */
  completed_by: number | null;
  result: string;
  is_draft: number;
  version: number;
  lead_time: number | null;
  source: 'user' | 'import' | 'consensus';
  /** Review workflow state (modules/reviews); drafts stay 'pending'. */
  review_state: Generated<ReviewState>;
  /** When its annotator started (lock or first draft) and first submitted it, for time statistics. */
  started_at: number | null;
  submitted_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface PredictionsTable {
  id: Generated<number>;
  task_id: number;
  project_id: number;
  result: string;
  score: number | null;
  model_version: string;
  created_at: number;
}

export interface AuditEventsTable {
  id: Generated<number>;
  organization_id: number;
  project_id: number | null;
  actor_id: number | null;
  action: string;
  object_type: string;
  object_id: number | null;
  data: string;
  created_at: number;
}

export interface IdempotencyKeysTable {
  user_id: number;
  key: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: number;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobsTable {
  id: Generated<number>;
  organization_id: number;
  project_id: number | null;
  kind: string;
  status: JobStatus;
  progress_done: number;
  progress_total: number | null;
  message: string | null;
  params: string;
  result: string | null;
  error: string | null;
  created_by: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export type MediaKind = 'image' | 'video' | 'audio' | 'other';

export interface MediaTable {
  id: Generated<number>;
  organization_id: number;
  project_id: number;
  blob_key: string;
  file_name: string;
  content_type: string;
  kind: MediaKind;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
  duration: number | null;
  thumbnail_key: string | null;
  meta: string;
  created_by: number;
  created_at: number;
}

export type DatasetVersionStatus = 'running' | 'ready' | 'failed';

export interface DatasetVersionsTable {
  id: Generated<number>;
  organization_id: number;
  project_id: number;
  job_id: number | null;
  status: DatasetVersionStatus;
  format: string;
  /** JSON: the data-manager filter the export used. */
  filter: string;
  /** JSON: the export options (onlyAccepted, latestPerTask, …). */
  options: string;
  /** JSON: tasks, annotations, regions per label; null until the export is done. */
  counts: string | null;
  file_name: string;
  content_type: string;
  blob_key: string;
  /** The per-task fingerprints that compare reads instead of the file. */
  manifest_key: string;
  size: number | null;
  sha256: string | null;
  error: string | null;
  created_by: number;
  created_at: number;
  completed_at: number | null;
}

export type ReviewState = 'pending' | 'in_review' | 'accepted' | 'rejected';

export interface ReviewsTable {
  id: Generated<number>;
  annotation_id: number;
  task_id: number;
  project_id: number;
  reviewer_id: number;
  action: 'accept' | 'reject';
  reason: string;
  /** JSON: [{ regionId: string | null, text }]. */
  comments: string;
  /** The annotation version the reviewer looked at. */
  annotation_version: number;
  /** JSON result the reviewer replaced (edit-and-accept), else null. */
  result_before: string | null;
  created_at: number;
}

export interface ReviewLocksTable {
  annotation_id: number;
  reviewer_id: number;
  project_id: number;
  expires_at: number;
}

export interface GoldTasksTable {
  task_id: number;
  project_id: number;
  annotation_id: number;
  created_by: number;
  created_at: number;
}

export interface GoldScoresTable {
  annotation_id: number;
  task_id: number;
  project_id: number;
  user_id: number;
  gold_annotation_id: number;
  score: number | null;
  /** JSON: core's ControlScore[]. */
  details: string;
  scored_at: number;
}

export interface ModelBackendsTable {
  id: Generated<number>;
  organization_id: number;
  project_id: number;
  title: string;
  url: string;
  /** Sealed (modules/models/secret-box.ts); never returned or logged. */
  auth_header: string | null;
  access_token: string | null;
  /** JSON object sent as /setup's extra_params. */
  extra_params: string;
  /** 1: the editor's interactive predictions use this backend. */
  interactive: number;
  model_version: string | null;
  last_status: 'ok' | 'error' | null;
  last_error: string | null;
  last_checked_at: number | null;
  created_by: number;
  created_at: number;
  updated_at: number;
}

export interface ModelFilesTable {
  id: Generated<number>;
  organization_id: number;
  project_id: number;
  file_name: string;
  blob_key: string;
  size: number;
  sha256: string;
  /** JSON: the ONNX graph's input and output names and shapes. */
  meta: string;
  created_by: number;
  created_at: number;
}

export type ModelVersionStatus = 'training' | 'ready' | 'failed';

export interface ModelVersionsTable {
  id: Generated<number>;
  organization_id: number;
  project_id: number;
  kind: 'text-classifier' | 'image-classifier';
  /** 1, 2, … per project. */
  number: number;
  /** The predictions' model_version, e.g. "laoshi-text-classifier:v3". */
  name: string;
  status: ModelVersionStatus;
  job_id: number | null;
  from_name: string;
  to_name: string;
  /** JSON string[]: the model's labels in probability order. */
  labels: string;
  /** JSON: hyperparameters and the data the version was trained on. */
  params: string;
  /** JSON: final learning-curve point and example counts; null while training. */
  metrics: string | null;
  /** JSON LearningCurvePoint[]. */
  curve: string;
  /** JSON number[]: tasks held out for validation. */
  validation_task_ids: string;
  weights_key: string | null;
  feature_file_id: number | null;
  error: string | null;
  created_by: number;
  created_at: number;
  completed_at: number | null;
}

export interface TaskUncertaintyTable {
  task_id: number;
  project_id: number;
  model_version: string;
  /** JSON string[] and number[]: the latest model's class probabilities for the task. */
  labels: string;
  probabilities: string;
  least_confidence: number;
  margin: number;
  entropy: number;
  updated_at: number;
}

export type QueueOrder = 'sequential' | 'random' | 'least-confidence' | 'margin' | 'entropy';

export interface ModelSettingsTable {
  project_id: number;
  queue_order: QueueOrder;
  random_seed: number;
  updated_by: number | null;
  updated_at: number;
}

/** A project's webhook (modules/webhooks): where events go and the sealed secret that signs them. */
export interface WebhooksTable {
  id: Generated<number>;
  organization_id: number;
  project_id: number;
  url: string;
  /** JSON array of event names. */
  events: string;
  description: string;
  active: number;
  /** Sealed with the instance secret. */
  secret: string;
  created_by: number;
  created_at: number;
  updated_at: number;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** One event sent to one webhook, with its attempts (retried with backoff while pending). */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number;
  project_id: number;
  event: string;
  body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: number;
  response_status: number | null;
  last_error: string | null;
  created_at: number;
  finished_at: number | null;
}

/** A group of duplicate tasks the last duplicate scan of a project found (modules/cleaning). */
export interface DuplicateGroupsTable {
  id: Generated<number>;
  organization_id: number;
  project_id: number;
  job_id: number | null;
  kind: 'exact' | 'text' | 'image';
  /** 1 for exact; the least Jaccard similarity of a link for text; 1 − most differing bits/64 for images. */
  similarity: number;
  /** Members when the scan found the group (deleted tasks leave duplicate_group_tasks). */
  size: number;
  created_at: number;
}

export interface DuplicateGroupTasksTable {
  group_id: number;
  task_id: number;
  project_id: number;
}

/** An S3-compatible bucket synced into a project as tasks (modules/source-storage). */
export interface SourceStoragesTable {
  id: Generated<number>;
  organization_id: number;
  project_id: number;
  title: string;
  bucket: string;
  prefix: string;
  endpoint: string | null;
  region: string;
  force_path_style: number;
  /** Sealed (modules/models/secret-box.ts); never returned or logged. */
  access_key_id: string | null;
  secret_access_key: string | null;
  last_sync_job_id: number | null;
  last_synced_at: number | null;
  created_by: number;
  created_at: number;
  updated_at: number;
}

/** An object a sync has taken (or refused, with the error): re-syncs skip it. */
export interface SourceStorageObjectsTable {
  storage_id: number;
  key: string;
  etag: string | null;
  size: number;
  tasks: number;
  error: string | null;
  synced_at: number;
}

export type EvaluationRunStatus = 'queued' | 'running' | 'done' | 'failed';

/** An evaluation run (modules/evaluations): its report JSON is in the blob store under report_key. */
export interface EvaluationRunsTable {
  id: Generated<number>;
  organization_id: number;
  project_id: number;
  name: string;
  kind: 'classification' | 'detection' | 'segmentation' | 'ner';
  reference: 'accepted' | 'gold';
  from_name: string;
  /** JSON: {kind, label, modelVersionId?, modelVersion?, fileName?}. */
  source: string;
  /** JSON: {minSupport, iouType?, nerMatch?}. */
  params: string;
  slice_by: string | null;
  status: EvaluationRunStatus;
  job_id: number | null;
  error: string | null;
  /** JSON string[]. */
  warnings: Generated<string>;
  /** JSON SliceHeadline; null until done. */
  headline: string | null;
  items: number | null;
  report_key: string | null;
  /** The uploaded prediction file, kept as it came. */
  file_key: string | null;
  created_by: number;
  created_at: number;
  finished_at: number | null;
}

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  tasks: TasksTable;
  task_locks: TaskLocksTable;
  task_skips: TaskSkipsTable;
  annotations: AnnotationsTable;
  predictions: PredictionsTable;
  audit_events: AuditEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  reviews: ReviewsTable;
  review_locks: ReviewLocksTable;
  gold_tasks: GoldTasksTable;
  gold_scores: GoldScoresTable;
  jobs: JobsTable;
  media: MediaTable;
  dataset_versions: DatasetVersionsTable;
  model_backends: ModelBackendsTable;
  model_files: ModelFilesTable;
  model_versions: ModelVersionsTable;
  task_uncertainty: TaskUncertaintyTable;
  model_settings: ModelSettingsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  duplicate_groups: DuplicateGroupsTable;
  duplicate_group_tasks: DuplicateGroupTasksTable;
  source_storages: SourceStoragesTable;
  source_storage_objects: SourceStorageObjectsTable;
  evaluation_runs: EvaluationRunsTable;
}

export type UserRow = Selectable<UsersTable>;
export type ProjectRow = Selectable<ProjectsTable>;
export type TaskRow = Selectable<TasksTable>;
export type AnnotationRow = Selectable<AnnotationsTable>;
export type NewAnnotation = Insertable<AnnotationsTable>;
export type JobRow = Selectable<JobsTable>;
export type MediaRow = Selectable<MediaTable>;
export type DatasetVersionRow = Selectable<DatasetVersionsTable>;
