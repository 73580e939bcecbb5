import { expect, it } from 'vitest';
import { rssReport, type RssSample } from '../lib/load-stats.js';

/** One sample a second from 0 to `seconds`, at `mb(t)`. */
const series = (seconds: number, mb: (t: number) => number): RssSample[] => Array.from({ length: seconds + 1 }, (_, t) => ({ t, mb: mb(t) }));

it('cuts the measured span into one-minute windows and calls steady memory flat', () => {
  const r = rssReport(series(330, () => 180), 30, 330);
  expect(r.windowSeconds).toBe(60);
  expect(r.windowMeansMb).toEqual([180, 180, 180, 180, 180]);
  expect(r.growth).toBe(0);
  expect(r.flat).toBe(true);
});

it('calls a steady climb (a leak) not flat, even when each minute adds little', () => {
  const r = rssReport(series(330, (t) => 150 + t * 0.08), 30, 330); // ~5 MB a minute
  expect(r.growth).toBeGreaterThan(0.1);
  expect(r.flat).toBe(false);
});

it('does not count memory falling after warm-up as a leak, but reports the fall', () => {
  const r = rssReport(series(330, (t) => (t < 120 ? 200 : 170)), 30, 330);
  expect(r.change).toBeCloseTo(-0.15, 3); // 200 MB in the first minute, 170 in the last
  expect(r.growth).toBe(0);
  expect(r.flat).toBe(true);
});

it('catches memory that falls, settles, then climbs back more than 10% above where it settled', () => {
  // First and last minutes are about equal (the old ±10% rule called this flat); the climb from the low is 25%.
  const r = rssReport(series(330, (t) => (t < 90 ? 200 : t < 210 ? 160 : 200)), 30, 330);
  expect(Math.abs(r.change)).toBeLessThan(0.1);
  expect(r.lowestWindowMeanMb).toBe(160);
  expect(r.growth).toBeCloseTo(0.25, 2);
  expect(r.flat).toBe(false);
});

it('uses thirds of a run shorter than three minutes (the CI smoke run)', () => {
  const r = rssReport(series(20, (t) => 100 + t), 2, 20);
  expect(r.windowSeconds).toBe(6);
  expect(r.windowMeansMb).toHaveLength(3);
  expect(r.lastWindowMeanMb).toBeGreaterThan(r.firstWindowMeanMb);
});

it('calls memory that grew and then levelled off for three minutes settled, not flat (a bounded cache filling)', () => {
  // 172 MB rising ~5 MB a minute to a 64 MB cap, then level: the SQLite page cache's shape.
  const r = rssReport(series(1230, (t) => 172 + Math.min(64, (t - 30) / 12)), 30, 1230);
  expect(r.windowMeansMb).toHaveLength(20);
  expect(r.flat).toBe(false);
  expect(r.settled).toBe(true);
});

it('never calls a steady climb settled, however long the run', () => {
  const r = rssReport(series(1230, (t) => 150 + t * 0.03), 30, 1230); // ~1.8 MB a minute
  expect(r.flat).toBe(false);
  expect(r.settled).toBe(false);
});

it('does not call growth settled in a run too short to show a level (under six windows)', () => {
  const r = rssReport(series(330, (t) => (t < 150 ? 150 + t * 0.3 : 195)), 30, 330);
  expect(r.windowMeansMb).toHaveLength(5);
  expect(r.flat).toBe(false);
  expect(r.settled).toBe(false);
});
