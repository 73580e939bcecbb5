// @vitest-environment jsdom
import { matchRoutes } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../src/app/app-root.js';

describe('evaluation routes', () => {
  it('opens the compare page for /evaluations/compare, not a run called "compare"', () => {
    const match = matchRoutes(ROUTES, '/projects/3/evaluations/compare');
    expect(match?.at(-1)?.route.path).toBe('evaluations/compare');
    expect(match?.at(-1)?.params).toEqual({ projectId: '3' });
  });

  it('opens a run report inside the project page', () => {
    const match = matchRoutes(ROUTES, '/projects/3/evaluations/12');
    expect(match?.at(-1)?.route.path).toBe('evaluations/:evalId');
    expect(match?.at(-1)?.params).toEqual({ projectId: '3', evalId: '12' });
    expect(match?.at(-2)?.route.path).toBe('projects/:projectId');
  });
});
