import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

/** Latency percentiles (ms) of a list of samples. */
export function percentiles(samples: number[]): { p50: number; p95: number; p99: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1] ?? NaN };
}

export interface LoadResult {
  cycles: number;
  seconds: number;
  cyclesPerSecond: number;
  /** Latency of one request (ms). */
  request: ReturnType<typeof percentiles>;
  /** Latency of a whole cycle (ms). */
  cycle: ReturnType<typeof percentiles>;
  errors: number;
}

export type Cycle = (pool: Pool, client: number, timed: <T>(fn: () => Promise<T>) => Promise<T>) => Promise<boolean>;

/**
 * Runs `clients` concurrent loops of `cycle` against `origin` for `warmupMs` (not counted) then
 * `durationMs`. A cycle returns false when its client has nothing more to do.
 */
export async function runLoad(origin: string, clients: number, warmupMs: number, durationMs: number, cycle: Cycle): Promise<LoadResult> {
  const pool = new Pool(origin, { connections: clients, pipelining: 1 });
  const requestTimes: number[] = [];
  const cycleTimes: number[] = [];
  let errors = 0;
  let cycles = 0;
  let measuring = false;
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const end = measureFrom + durationMs;
  const timed = async <T>(fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const value = await fn();
    if (measuring) requestTimes.push(performance.now() - t0);
    return value;
  };
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < end) {
        measuring = performance.now() >= measureFrom;
        const t0 = performance.now();
        let more: boolean;
        try {
          more = await cycle(pool, client, timed);
        } catch {
          errors++;
          more = true;
        }
        const t1 = performance.now();
        if (t0 >= measureFrom && t1 <= end) {
          cycles++;
          cycleTimes.push(t1 - t0);
        }
        if (!more) break;
      }
    }),
  );
  await pool.close();
  const seconds = durationMs / 1000;
  return { cycles, seconds, cyclesPerSecond: cycles / seconds, request: percentiles(requestTimes), cycle: percentiles(cycleTimes), errors };
}
