import type { ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { useProject } from '../project/project-context.js';
import { ReworkNotice } from './rework-notice.js';
import { TaskQualityBar } from './task-quality-bar.js';
import './quality.css';

// Route wrappers (app-root.tsx) that add the quality workflow around the labeling screens without
// those screens knowing about it.

/** The labeling queue with the caller's rework (rejected annotations, reasons, pinned comments) above it. */
export function QueueWithRework({ children }: { children: ReactNode }) {
  const { project } = useProject();
  return (
    <>
      <ReworkNotice projectId={project.id} />
      {children}
    </>
  );
}

/** A task page with its rework notice (the caller's own) and, for reviewers and managers, review states and gold marks. */
export function TaskWithQuality({ children }: { children: ReactNode }) {
  const { project } = useProject();
  const taskId = Number(useParams().taskId);
  return (
    <>
      <ReworkNotice projectId={project.id} taskId={taskId} />
      {project.role !== 'annotator' && Number.isInteger(taskId) ? <TaskQualityBar key={taskId} taskId={taskId} /> : null}
      {children}
    </>
  );
}
