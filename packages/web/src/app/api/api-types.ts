import type { LabelConfig } from '@laoshi/core';

export type ProjectRole = 'manager' | 'reviewer' | 'annotator';

export interface User {
  id: number;
  email: string;
  name: string;
  role: 'admin' | 'member';
  organizationId: number;
  isSuperuser?: boolean;
}

export interface Project {
  id: number;
  title: string;
  description: string;
  labelConfig: LabelConfig;
  labelConfigXml: string | null;
  overlap: number;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  role: ProjectRole;
  counts: { tasks: number; labeled: number };
}

export interface Member {
  userId: number;
  email: string;
  name: string;
  role: ProjectRole;
  addedAt: string;
}

/** One Label Studio result item. */
export type ResultItem = Record<string, unknown> & { id?: string; type?: string; from_name?: string; to_name?: string; value?: Record<string, unknown> };

export interface Task {
  id: number;
  projectId: number;
  data: Record<string, unknown>;
  meta: Record<string, unknown>;
  annotationCount: number;
  isLabeled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Annotation {
  id: number;
  taskId: number;
  projectId: number;
  completedBy: number | null;
  result: ResultItem[];
  draft: boolean;
  version: number;
  leadTime: number | null;
  source: string;
  createdAt: string;
  updatedAt: string;
}

export interface Prediction {
  id: number;
  result: ResultItem[];
  score: number | null;
  modelVersion: string;
  createdAt: string;
}

export interface TaskDetail extends Task {
  annotations: Annotation[];
  predictions: Prediction[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}
