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
  /** Mean of each window of the measured span, in order. */
  windowMeansMb: number[];
  firstWindowMeanMb: number;
  /** The lowest window mean: the level memory came down to. */
  lowestWindowMeanMb: number;
  lastWindowMeanMb: number;
  /** (last − first) / first: reported, not judged (memory falling after warm-up is not a leak). */
  change: number;
  /** (last − lowest) / lowest: how far memory rose above the level it settled at. */
  growth: number;
  /** The last window's mean is at most 10% above the lowest window's: memory does not creep up. */
  flat: boolean;
  /**
   * Not flat, but it stopped growing (six windows or more measured): the last three windows are
   * within 1% of their mean and climb, if at all, at under a quarter of the pace before them. A
   * bounded cache filling looks like this (SQLite's page cache, 64 MiB here); a leak keeps climbing.
   */
  settled: boolean;
}

/**
 * Memory over the measured span [from, to] (s), cut into windows of a minute (a third of a
 * shorter run); for RSS and heap alike. The question is a leak's: does memory creep up while the
 * load stays the same? So the last window is compared with the lowest one, the level the server
 * settled at, not with the first: memory that falls after warm-up (a heap shrinking after the
 * seeding's burst) is no leak, while memory that falls and then climbs back is caught by the
 * climb. (Until 2026-11-28 the rule was "last within ±10% of first", which flagged a fall of 11%
 * on PostgreSQL as not flat and would have missed a climb from a settled low.)
 */
export function rssReport(samples: RssSample[], from: number, to: number): RssReport {
  const windowSeconds = Math.min(60, (to - from) / 3);
  const count = Math.max(1, Math.floor((to - from) / windowSeconds + 1e-9));
  const mean = (a: number, b: number) => {
    const inside = samples.filter((s) => s.t >= a && s.t <= b).map((s) => s.mb);
    return inside.length ? inside.reduce((x, y) => x + y, 0) / inside.length : NaN;
  };
  // Windows from the start; the last one ends at `to` (it overlaps the one before when the span is not a whole number of windows).
  const windowMeansMb = Array.from({ length: count }, (_, i) => (i === count - 1 ? mean(to - windowSeconds, to) : mean(from + i * windowSeconds, from + (i + 1) * windowSeconds)));
  const known = windowMeansMb.filter((m) => !Number.isNaN(m));
  const first = windowMeansMb[0]!;
  const last = windowMeansMb[count - 1]!;
  const lowest = known.length ? Math.min(...known) : NaN;
  const growth = (last - lowest) / lowest;
  const tail = windowMeansMb.slice(-3);
  const tailMean = tail.reduce((x, y) => x + y, 0) / tail.length;
  const flat = growth <= 0.1;
  // Level: the last three windows within 1% of their mean, and climbing (if at all) at under a
  // quarter of the pace from the lowest window to them. A steady climb keeps its pace to the end.
  const lowestAt = windowMeansMb.indexOf(lowest);
  const tailFrom = count - 3;
  const tailPace = (last - windowMeansMb[tailFrom]!) / 2;
  const earlierPace = tailFrom > lowestAt ? (windowMeansMb[tailFrom]! - lowest) / (tailFrom - lowestAt) : Infinity;
  const settled = !flat && count >= 6 && tail.every((m) => Math.abs(m - tailMean) <= 0.01 * tailMean) && tailPace <= 0.25 * earlierPace;
  return { samples, windowSeconds, windowMeansMb, firstWindowMeanMb: first, lowestWindowMeanMb: lowest, lastWindowMeanMb: last, change: (last - first) / first, growth, flat, settled };
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
