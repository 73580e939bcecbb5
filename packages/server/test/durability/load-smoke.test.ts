import { expect, it } from 'vitest';
import { postgresReachable } from '../../../../bench/lib/load-seed.js';
import { runScenario, type ScenarioReport } from '../../../../bench/lib/load-scenario.js';
import { describeEachDialect } from '../helpers/dialects.js';

// The smoke version of bench/load.ts (`--smoke`): 20 simulated people for 20 s against the built
// server. It asserts correctness under concurrency (no error answer at all), never timings: those
// belong to `npm run bench` on a quiet machine.

const SMOKE = { users: 20, seconds: 18, warmupSeconds: 2, thinkMs: 200 } as const;

// Both dialects run at the same time (the first test to ask starts both), which halves the
// suite's wall time; the assertions stay per dialect.
let runs: Promise<Partial<Record<'sqlite' | 'postgres', Promise<ScenarioReport>>>> | undefined;
const smokeRun = async (dialect: 'sqlite' | 'postgres'): Promise<ScenarioReport> => {
  runs ??= (async () => {
    const sqlite = runScenario({ dialect: 'sqlite', ...SMOKE });
    const postgres = (await postgresReachable()) ? runScenario({ dialect: 'postgres', ...SMOKE }) : undefined;
    // Each is awaited by its own test; until then a failure must not count as unhandled.
    for (const p of [sqlite, postgres]) void p?.catch(() => undefined);
    return { sqlite, postgres };
  })();
  const report = (await runs)[dialect];
  if (!report) throw new Error(`no smoke run for ${dialect}`);
  return report;
};

describeEachDialect('load smoke: 20 annotators and reviewers for 20 s', (dialect) => {
  it('answers every request of the mixed workload as expected: zero errors', { timeout: 120_000 }, async () => {
    const report = await smokeRun(dialect);
    expect(report.errorExamples).toEqual([]);
    expect(report.errors).toBe(0);
    // The workload really ran, every step of it.
    expect(report.submissionsPerSecond).toBeGreaterThan(0);
    expect(report.reviewsPerSecond).toBeGreaterThan(0);
    expect(report.routes.map((r) => r.route)).toEqual(expect.arrayContaining([
      'POST /api/projects/:id/next', 'GET /api/tasks/:id', 'POST /api/tasks/:id/annotations', 'POST /api/tasks/:id/annotations (draft)',
      'PATCH /api/annotations/:id', 'POST /api/projects/:id/review/next', 'POST /api/annotations/:id/review',
    ]));
    expect(report.rss.samples.length).toBeGreaterThan(10);
  });
});
