import { createContext, useContext } from 'react';
import type { Project } from '../api/api-types.js';

export interface ProjectContextValue {
  project: Project;
  reload(): void;
}

export const ProjectContext = createContext<ProjectContextValue | null>(null);

export function useProject(): ProjectContextValue {
  const v = useContext(ProjectContext);
  if (!v) throw new Error('useProject outside a project page');
  return v;
}
