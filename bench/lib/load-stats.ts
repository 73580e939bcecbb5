// What a load run measures: latency per route, errors with examples, and the server's resident
// memory over time (read from /proc, so the numbers are the kernel's, not the process's own view).
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { percentiles } from './load.js';

export interface RouteSummary {
  route: string;
  count: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Latencies (ms) per route, counted only while `measuring` is on (after warm-up). */
export class RouteStats {
  measuring = false;
  private readonly samples = new Map<string, number[]>();
  private readonly errorList: string[] = [];
  errors = 0;

  record(route: string, ms: number): void {
    if (!this.measuring) return;
    let list = this.samples.get(route);
    if (!list) this.samples.set(route, (list = []));
    list.push(ms);
  }

  /** Counts an error whenever it happens (warm-up too: an error is never fine); keeps the first few. */
  error(route: string, what: string): void {
    this.errors++;
    if (this.errorList.length < 20) this.errorList.push(`${route}: ${what}`);
  }

  examples(): string[] {
    return [...this.errorList];
  }

  summary(seconds: number): RouteSummary[] {
    return [...this.samples.entries()]
      .map(([route, list]) => ({ route, count: list.length, perSecond: list.length / seconds, ...percentiles(list) }))
      .sort((a, b) => b.count - a.count);
  }
}

export interface RssSample {
  /** Seconds since the run started. */
  t: number;
  mb: number;
}

/** Resident set size of a process in MB, from /proc/<pid>/status (VmRSS); null where /proc is missing. */
export function rssOf(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` until stopped. */
export function sampleRss(pid: number, everyMs = 1000): { samples: RssSample[]; stop(): void } {
  const samples: RssSample[] = [];
  const t0 = performance.now();
  const take = () => {
    const mb = rssOf(pid);
    if (mb !== null) samples.push({ t: (performance.now() - t0) / 1000, mb });
  };
  take();
  const timer = setInterval(take, everyMs);
  return { samples, stop: () => clearInterval(timer) };
}

export interface RssReport {
  samples: RssSample[];
  /** Length of the compared windows (s): a minute, or a third of a shorter measured run. */
  windowSeconds: number;
  firstWindowMeanMb: number;
  lastWindowMeanMb: number;
  /** (last − first) / first. */
  growth: number;
  /** The last window's mean is within 10% of the first window's (after warm-up). */
  flat: boolean;
}

/** Compares the mean of the first and the last window of the measured span [from, to] (s); for RSS and heap alike. */
export function rssReport(samples: RssSample[], from: number, to: number): RssReport {
  const windowSeconds = Math.min(60, (to - from) / 3);
  const mean = (a: number, b: number) => {
    const inside = samples.filter((s) => s.t >= a && s.t <= b).map((s) => s.mb);
    return inside.length ? inside.reduce((x, y) => x + y, 0) / inside.length : NaN;
  };
  const first = mean(from, from + windowSeconds);
  const last = mean(to - windowSeconds, to);
  const growth = (last - first) / first;
  return { samples, windowSeconds, firstWindowMeanMb: first, lastWindowMeanMb: last, growth, flat: Math.abs(growth) <= 0.1 };
}

/** The server's V8 heap (MB) over time, from the lines bench/lib/load-memory-probe.cjs prints; `t` in seconds since `startedAt` (epoch ms). */
export function heapSamples(serverOutput: string, startedAt: number): RssSample[] {
  const out: RssSample[] = [];
  for (const match of serverOutput.matchAll(/^laoshi-memory (\{.*\})$/gm)) {
    const { t, heapUsedMb } = JSON.parse(match[1]!) as { t: number; heapUsedMb: number };
    out.push({ t: (t - startedAt) / 1000, mb: heapUsedMb });
  }
  return out;
}
