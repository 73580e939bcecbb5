import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/api-client.js';

export interface JobView {
  id: number;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: { done: number; total: number | null };
  message: string | null;
  result: unknown;
  error: string | null;
}

export const jobFinished = (job: JobView): boolean => job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled';

/** Follows a background job until it finishes (polling keeps it simple and survives proxies that buffer SSE). */
export function useJob(api: ApiClient, jobId: number | null, intervalMs = 400): JobView | null {
  const [job, setJob] = useState<JobView | null>(null);
  useEffect(() => {
    if (jobId === null) {
      setJob(null);
      return;
    }
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const j = await api.get<JobView>(`/api/jobs/${jobId}`);
        if (!live) return;
        setJob(j);
        if (jobFinished(j)) return;
      } catch {
        // a failed poll (network) is retried
      }
      if (live) timer = setTimeout(() => void tick(), intervalMs);
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, jobId, intervalMs]);
  return job;
}
