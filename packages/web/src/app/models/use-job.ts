import { useEffect, useState } from 'react';
import { useApi } from '../session/session-context.js';
import { FINISHED, type Job } from './model-types.js';

/**
 * Follows a background job by polling GET /api/jobs/:id until it finishes (polling works behind
 * any proxy; the job's SSE stream would save a few requests). `onDone` runs once at the end.
 */
export function useJob(jobId: number | null, onDone?: (job: Job) => void): { job: Job | null; error: unknown } {
  const api = useApi();
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setJob(null);
    setError(null);
    if (jobId === null) return;
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await api.get<Job>(`/api/jobs/${jobId}`, { signal: ctrl.signal });
        if (ctrl.signal.aborted) return;
        setJob(next);
        if (FINISHED.includes(next.status)) onDone?.(next);
        else timer = setTimeout(() => void poll(), 500);
      } catch (err) {
        if (!ctrl.signal.aborted) setError(err);
      }
    };
    void poll();
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
    // onDone is read when the job ends; a new callback each render must not restart the polling.
  }, [api, jobId]);
  return { job, error };
}
