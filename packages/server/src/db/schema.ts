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
  source: 'user' | 'import';
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

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  tasks: TasksTable;
  task_locks: TaskLocksTable;
  annotations: AnnotationsTable;
  predictions: PredictionsTable;
  audit_events: AuditEventsTable;
  idempotency_keys: IdempotencyKeysTable;
}

export type UserRow = Selectable<UsersTable>;
export type ProjectRow = Selectable<ProjectsTable>;
export type TaskRow = Selectable<TasksTable>;
export type AnnotationRow = Selectable<AnnotationsTable>;
export type NewAnnotation = Insertable<AnnotationsTable>;
